package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small builders for the saved-login tests: the allow-list, the hosted login and redirect parsing. */
final class LoginFlows {

    static final String REDIRECT = "https://app.example.com/callback";

    private LoginFlows() {
    }

    static void allowRedirects(Api api, ServerTest.TestTenant tenant, String... uris) {
        Api.Response response = api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/redirect_uris", "application/json",
                Api.JSON.writeValueAsString(Map.of("redirectUris", List.of(uris))), Api.secret(ServerTest.ADMIN_KEY));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    static String authorizeUrl(ServerTest.TestTenant tenant, String institution, String redirectUri, String state) {
        StringBuilder url = new StringBuilder("/v1/OAuth/Authorize?client_id=").append(enc(tenant.publicClientId()));
        if (institution != null) {
            url.append("&institution=").append(enc(institution));
        }
        if (redirectUri != null) {
            url.append("&redirect_uri=").append(enc(redirectUri));
        }
        if (state != null) {
            url.append("&state=").append(enc(state));
        }
        return url.toString();
    }

    /** Opens /v1/OAuth/Authorize for a credential institution and returns the hosted login page path. */
    static String openHostedLogin(Api api, ServerTest.TestTenant tenant, String institution, String state) {
        Api.Response response = api.get(authorizeUrl(tenant, institution, REDIRECT, state));
        assertThat(response.status()).as(response.text()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("/v1/login/flow_");
        return response.header("Location");
    }

    static Api.Response form(Api api, String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return api.send("POST", path, "application/x-www-form-urlencoded", body.toString());
    }

    /** Types credentials on the hosted page; returns the answer (a 303 to the page or to the tenant). */
    static Api.Response submitCredentials(Api api, String page, String username, String password) {
        return form(api, page + "/credentials", Map.of("username", username, "password", password));
    }

    /** Logs in on the hosted page (answering code 1234 if asked) and returns the tenant redirect's query. */
    static Map<String, String> loginThrough(Api api, String page, String username, String password) {
        Api.Response response = submitCredentials(api, page, username, password);
        assertThat(response.status()).as(response.text()).isEqualTo(303);
        if (response.header("Location").equals(page)) {
            assertThat(api.get(page).text()).contains("name=code");
            response = form(api, page + "/mfa", Map.of("code", "1234"));
            assertThat(response.status()).isEqualTo(303);
        }
        assertThat(response.header("Location")).startsWith(REDIRECT + "?");
        return query(response.header("Location"));
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
