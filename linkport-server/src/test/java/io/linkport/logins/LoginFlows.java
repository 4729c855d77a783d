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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Small builders for the saved-login tests: the allow-list, the widget login and redirect parsing. */
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

    /** Opens /v1/OAuth/Authorize for a credential institution: the widget page, with its session. */
    static WidgetLogin openHostedLogin(Api api, ServerTest.TestTenant tenant, String institution, String state) {
        Api.Response response = api.get(authorizeUrl(tenant, institution, REDIRECT, state));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        return WidgetLogin.of(api, response);
    }

    /** Logs in in the widget (answering code 1234 if asked), finishes, and returns the tenant redirect's query. */
    static Map<String, String> loginThrough(Api api, WidgetLogin widget, String username, String password) {
        widget.consent();
        widget.logIn(username, password);
        JsonNode after = widget.awaitStep("mfa", "completed", "failed");
        if (after.get("step").asString().equals("mfa")) {
            widget.answer(Map.of("code", "1234"));
            widget.awaitStep("completed", "failed");
        }
        JsonNode finished = widget.finish();
        assertThat(finished.get("redirectUrl").asString()).startsWith(REDIRECT + "?");
        return query(finished.get("redirectUrl").asString());
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
