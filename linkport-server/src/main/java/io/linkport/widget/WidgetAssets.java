package io.linkport.widget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The widget's static files, read once from {@code classpath:widget/}: the SDK (as a classic script
 * and as an ES module), the widget's script and styles, and the HTML page templates. Each asset
 * carries its Subresource-Integrity hash and a content version, so pages can link
 * {@code /widget/assets/widget.js?v=…} and let browsers cache it for good.
 */
@Component
public class WidgetAssets {

    /** One served file. {@code integrity} is the SRI value ({@code sha384-…}). */
    public record Asset(String name, byte[] body, String contentType, String integrity, String version) {
    }

    static final String SDK_JS = "linkport.js";
    static final String SDK_MJS = "linkport.mjs";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(asset:)?([a-zA-Z0-9_.]+)}}");
    /** The classic script learns its own URL from currentScript; the module from import.meta. */
    private static final String SCRIPT_URL = "typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : null";

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final Map<String, String> pages = new LinkedHashMap<>();

    WidgetAssets() {
        String sdk = read("sdk/linkport.js");
        if (!sdk.contains(SCRIPT_URL)) {
            throw new IllegalStateException("linkport.js no longer finds its own URL the expected way");
        }
        add(SDK_JS, sdk, JS);
        add(SDK_MJS, sdk.replace(SCRIPT_URL, "import.meta.url")
                + "export const create = window.Linkport.create;\nexport default window.Linkport;\n", JS);
        add("widget.js", read("app/widget.js"), JS);
        add("widget.css", read("app/widget.css"), "text/css; charset=utf-8");
        add("demo.js", read("app/demo.js"), JS);
        add("demo.css", read("app/demo.css"), "text/css; charset=utf-8");
        for (String page : new String[] {"widget", "demo", "home"}) {
            pages.put(page, read("pages/" + page + ".html"));
        }
    }

    public Optional<Asset> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** Where a page links an asset: versioned, so it can be cached as immutable. */
    public String url(String name) {
        return "/widget/assets/" + name + "?v=" + assets.get(name).version();
    }

    /** A page with {@code {{name}}} replaced by the HTML-escaped value and {@code {{asset:x}}} by x's URL. */
    public String page(String name, Map<String, String> values, String rawQrSvg) {
        Matcher m = PLACEHOLDER.matcher(pages.get(name));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2);
            String value;
            if (m.group(1) != null) {
                value = url(key);
            } else if (key.equals("qr")) {
                value = rawQrSvg == null ? "" : rawQrSvg;
            } else {
                value = HtmlUtils.htmlEscape(values.getOrDefault(key, ""));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void add(String name, String text, String contentType) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String integrity = "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", body));
        String version = HexFormat.of().formatHex(digest("SHA-256", body)).substring(0, 16);
        assets.put(name, new Asset(name, body, contentType, integrity, version));
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource("widget/" + path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing widget asset " + path, e);
        }
    }
}
