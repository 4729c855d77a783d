package io.linkport.oauthconnector;

import java.util.List;

/**
 * One institution reached through its own OAuth 2.0 authorization server, defined entirely by
 * configuration ({@code linkport.oauth-institutions[n].*}).
 *
 * @param id               the integration id used in API calls and URLs
 * @param name             what the user sees
 * @param category         catalog category ({@code bank} when empty)
 * @param authorizationUri the authorization endpoint the user is sent to
 * @param tokenUri         the token endpoint (authorization-code and refresh-token grants)
 * @param dataUri          where a resource is read with the access token; {@code {resource}} in it is
 *                         replaced by the resource name
 * @param clientId         Linkport's client id at that server
 * @param clientSecret     Linkport's client secret (client_secret_basic); empty for a public client
 * @param scopes           scopes to request
 * @param resources        resource names readable through {@code dataUri}
 */
public record OAuthInstitution(String id, String name, String category, String authorizationUri, String tokenUri,
                               String dataUri, String clientId, String clientSecret, List<String> scopes,
                               List<String> resources) {

    public OAuthInstitution {
        category = category == null || category.isBlank() ? "bank" : category;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        resources = resources == null || resources.isEmpty() ? List.of("identity") : List.copyOf(resources);
    }

    @Override
    public String toString() {
        return "OAuthInstitution[id=" + id + ", tokenUri=" + tokenUri + "]";
    }
}
