package io.linkport.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URL checks shared by every endpoint that accepts a URL from a tenant. */
public final class Urls {

    private Urls() {
    }

    /** An absolute http(s) URL with a host and no user-info (user-info hides the real host). */
    public static boolean isHttpUrl(String value) {
        URI uri = parse(value);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    public static boolean isHttpsUrl(String value) {
        return isHttpUrl(value) && URI.create(value.trim()).getScheme().equalsIgnoreCase("https");
    }

    /**
     * A URL to send the user back to: https (http too in sandbox), or a custom app scheme such as
     * {@code myapp://callback} (seed 002). Schemes that run code in a browser are refused.
     */
    public static boolean isReturnUrl(String value, boolean allowHttp) {
        URI uri = parse(value);
        if (uri == null || uri.getScheme() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> uri.getHost() != null;
            case "http" -> allowHttp && uri.getHost() != null;
            case "javascript", "data", "vbscript", "file", "blob", "about", "ftp", "ws", "wss" -> false;
            default -> scheme.matches("[a-z][a-z0-9+.-]*") && value.regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3);
        };
    }

    /** Appends {@code name=value} with the right separator, whether or not the URL already has a query. */
    public static String appendQuery(String url, String name, String value) {
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        String fragment = hash >= 0 ? url.substring(hash) : "";
        String separator = !base.contains("?") ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
        return base + separator + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) + fragment;
    }

    private static URI parse(String value) {
        if (value == null || value.isBlank() || value.length() > 2048 || !value.equals(value.trim())) {
            return null;
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
