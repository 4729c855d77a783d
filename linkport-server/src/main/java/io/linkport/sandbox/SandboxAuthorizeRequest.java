package io.linkport.sandbox;

import java.net.URI;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/** The parameters of an authorization request to the sandbox OAuth server, and what is wrong with them. */
record SandboxAuthorizeRequest(String responseType, String clientId, String redirectUri, String state,
                               String codeChallenge, String codeChallengeMethod, String scope) {

    static SandboxAuthorizeRequest of(Map<String, String> params) {
        return new SandboxAuthorizeRequest(params.get("response_type"), params.get("client_id"),
                params.get("redirect_uri"), params.get("state"), params.get("code_challenge"),
                params.get("code_challenge_method"), params.get("scope"));
    }

    String institutionName() {
        return SandboxInstitutions.ALL.stream().filter(i -> i.oauth() && i.id().equals(clientId))
                .map(SandboxInstitution::name).findFirst().orElse(null);
    }

    /**
     * Why the user must not be sent back to {@code redirectUri} (an unknown client, or a URI that
     * is not this server's own), or null when it is safe to redirect there.
     */
    String redirectProblem(String serverBase) {
        if (institutionName() == null) {
            return "Unknown client_id: this authorization server serves only the sandbox OAuth institutions.";
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            return "redirect_uri is required.";
        }
        try {
            URI uri = URI.create(redirectUri);
            if (uri.getFragment() != null || !redirectUri.startsWith(serverBase + "/")) {
                return "redirect_uri must be a callback on " + serverBase + " without a fragment.";
            }
        } catch (IllegalArgumentException e) {
            return "redirect_uri is not a valid URI.";
        }
        return null;
    }

    /** What else is wrong (reported to the client through the redirect), or null. */
    String requestProblem() {
        if (!"code".equals(responseType)) {
            return "response_type must be code";
        }
        if (codeChallenge == null || !codeChallenge.matches("[A-Za-z0-9_-]{43,128}")) {
            return "code_challenge is required (PKCE)";
        }
        if (!"S256".equals(codeChallengeMethod)) {
            return "code_challenge_method must be S256";
        }
        return null;
    }

    String codeRedirect(String code) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", "{code}");
        return state == null ? builder.encode().buildAndExpand(code).toUriString()
                : builder.queryParam("state", "{state}").encode().buildAndExpand(code, state).toUriString();
    }

    String errorRedirect(String error, String description) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(redirectUri)
                .queryParam("error", "{error}").queryParam("error_description", "{description}");
        return state == null ? builder.encode().buildAndExpand(error, description).toUriString()
                : builder.queryParam("state", "{state}").encode().buildAndExpand(error, description, state).toUriString();
    }
}
