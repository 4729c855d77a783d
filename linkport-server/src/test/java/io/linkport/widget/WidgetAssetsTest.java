package io.linkport.widget;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK and the widget's files over HTTP: caching, integrity, CORS, and the size budgets. */
class WidgetAssetsTest extends ServerTest {

    static final int SDK_BUDGET_GZIP = 10 * 1024;
    static final int WIDGET_BUDGET_GZIP = 60 * 1024;

    @Test
    void getSdkWhenRequestedThenImmutableCacheAndCorsAndScriptType() {
        Api.Response response = api.get("/sdk/v1/linkport.js");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=31536000").contains("immutable").contains("public");
        assertThat(response.header("Content-Type")).startsWith("text/javascript");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.text()).contains("root.Linkport = { sdkVersion: '1', create: create }");
    }

    @Test
    void getIntegrityWhenRequestedThenHashesMatchTheServedBytes() throws Exception {
        var hashes = api.get("/sdk/v1/integrity.json").json();

        for (String file : new String[] {"linkport.js", "linkport.mjs"}) {
            byte[] body = api.get("/sdk/v1/" + file).text().getBytes(StandardCharsets.UTF_8);
            String expected = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(body));
            assertThat(hashes.get(file).asString()).as(file).isEqualTo(expected);
        }
    }

    @Test
    void getModuleWhenRequestedThenExportsCreateAndUsesImportMeta() {
        String module = api.get("/sdk/v1/linkport.mjs").text();

        assertThat(module).contains("export const create = window.Linkport.create;").contains("import.meta.url")
                .doesNotContain("document.currentScript.src");
    }

    @Test
    void getSdkWhenUnknownFileOrVersionThenNotFound() {
        assertThat(api.get("/sdk/v1/other.js").status()).isEqualTo(404);
        assertThat(api.get("/sdk/v2/linkport.js").status()).isEqualTo(404);
        assertThat(api.get("/widget/assets/nothing.js").status()).isEqualTo(404);
        assertThat(api.get("/widget/assets/linkport.js").status()).isEqualTo(404);
    }

    @Test
    void getWidgetAssetWhenVersionIsCurrentThenImmutableElseRevalidated() {
        String page = api.get("/widget").text();
        String path = page.replaceAll("(?s).*src=\"(/widget/assets/widget\\.js\\?v=[0-9a-f]+)\".*", "$1");

        assertThat(api.get(path).header("Cache-Control")).contains("immutable");
        assertThat(api.get("/widget/assets/widget.js?v=old").header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void sizesWhenGzippedThenWithinBudgets() throws Exception {
        int sdk = gzipSize(api.get("/sdk/v1/linkport.js").text());
        String page = api.get("/widget").text();
        String js = page.replaceAll("(?s).*src=\"(/widget/assets/widget\\.js\\?v=[0-9a-f]+)\".*", "$1");
        String css = page.replaceAll("(?s).*href=\"(/widget/assets/widget\\.css\\?v=[0-9a-f]+)\".*", "$1");
        int widget = gzipSize(page) + gzipSize(api.get(js).text()) + gzipSize(api.get(css).text());

        System.out.printf("[widget sizes] SDK %d bytes gzip (budget %d); widget HTML+JS+CSS %d bytes gzip (budget %d)%n",
                sdk, SDK_BUDGET_GZIP, widget, WIDGET_BUDGET_GZIP);
        assertThat(sdk).isLessThan(SDK_BUDGET_GZIP);
        assertThat(widget).isLessThan(WIDGET_BUDGET_GZIP);
    }

    static int gzipSize(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.size();
    }
}
