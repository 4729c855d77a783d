package io.linkport.logins;

import io.linkport.connector.FailureCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the redirects back to a tenant: {@code {redirect_uri}?loginId=…&state=…} or
 * {@code {redirect_uri}?state=…&error=…&error_description=…}. Values are percent-encoded (a
 * space as {@code %20}), so {@code state} decodes to exactly what the tenant sent; error
 * descriptions are limited to letters, digits and {@code . , - ' space}.
 */
final class RedirectResults {

    /** The documented {@code error} values. */
    static final String ACCESS_DENIED = "access_denied";
    static final String INVALID_CREDENTIALS = "invalid_credentials";
    static final String INVALID_SECURITY_RESPONSE = "invalid_security_response";
    static final String ACCOUNT_LOCKED = "account_locked";
    static final String INSTITUTION_UNAVAILABLE = "institution_unavailable";
    static final String LOGIN_EXPIRED = "login_expired";
    static final String SERVER_ERROR = "server_error";

    private RedirectResults() {
    }

    static String success(String redirectUri, String loginId, String state) {
        return redirectUri + separator(redirectUri) + "loginId=" + encode(loginId) + (state == null ? "" : "&state=" + encode(state));
    }

    static String failure(String redirectUri, String state, String error) {
        return redirectUri + separator(redirectUri) + (state == null ? "" : "state=" + encode(state) + "&") + "error=" + encode(error)
                + "&error_description=" + encode(safe(description(error)));
    }

    static String errorOf(FailureCode code) {
        return switch (code) {
            case INVALID_CREDENTIALS, REAUTHENTICATION_REQUIRED -> INVALID_CREDENTIALS;
            case INVALID_MFA -> INVALID_SECURITY_RESPONSE;
            case ACCOUNT_LOCKED -> ACCOUNT_LOCKED;
            case INSTITUTION_UNAVAILABLE, TIMEOUT -> INSTITUTION_UNAVAILABLE;
            case ACCESS_DENIED -> ACCESS_DENIED;
            default -> SERVER_ERROR;
        };
    }

    /** The error for a widget session that ended without a login: a link error code (a FailureCode name or Linkport's own). */
    static String errorOfLink(String code) {
        if (code == null) {
            return SERVER_ERROR;
        }
        if (code.equals("USER_EXITED")) {
            return ACCESS_DENIED;
        }
        for (FailureCode failure : FailureCode.values()) {
            if (failure.name().equals(code)) {
                return errorOf(failure);
            }
        }
        return SERVER_ERROR;
    }

    static String description(String error) {
        return switch (error) {
            case ACCESS_DENIED -> "The user declined or cancelled the connection.";
            case INVALID_CREDENTIALS -> "The institution did not accept the credentials.";
            case INVALID_SECURITY_RESPONSE -> "The institution did not accept the security answer.";
            case ACCOUNT_LOCKED -> "The institution has locked this account.";
            case INSTITUTION_UNAVAILABLE -> "The institution is not available, try again later.";
            case LOGIN_EXPIRED -> "The login took too long, start again.";
            default -> "Something went wrong while connecting to the institution.";
        };
    }

    /** Only characters a tenant can put in a page or a log without escaping. */
    static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9 .,'-]", "");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String separator(String uri) {
        return uri.contains("?") ? (uri.endsWith("?") || uri.endsWith("&") ? "" : "&") : "?";
    }
}
