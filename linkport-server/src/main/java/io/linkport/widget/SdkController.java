package io.linkport.widget;

import io.linkport.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK at a versioned path ({@code /sdk/v1/…}, cached for a year: a change ships as v2) with
 * its integrity hashes, and the widget's own versioned assets. Scripts are served with CORS so a
 * tenant page can load them with {@code integrity} and {@code crossorigin}, and as a module.
 */
@RestController
@Tag(name = "Widget", description = "The hosted widget, its SDK and the origins allowed to embed it")
class SdkController {

    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final WidgetAssets assets;

    SdkController(WidgetAssets assets) {
        this.assets = assets;
    }

    @GetMapping("/sdk/v1/{file:linkport\\.m?js}")
    @Operation(summary = "The JavaScript SDK: linkport.js (script tag, global Linkport) or linkport.mjs (ES module)")
    ResponseEntity<byte[]> sdk(@PathVariable String file) {
        return serve(assets.asset(file).orElseThrow(), IMMUTABLE);
    }

    @GetMapping(value = "/sdk/v1/integrity.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The Subresource-Integrity hashes of the SDK files")
    ResponseEntity<Map<String, String>> integrity() {
        Map<String, String> hashes = new TreeMap<>();
        for (String file : new String[] {WidgetAssets.SDK_JS, WidgetAssets.SDK_MJS}) {
            hashes.put(file, assets.asset(file).orElseThrow().integrity());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header("Access-Control-Allow-Origin", "*").body(hashes);
    }

    @GetMapping("/widget/assets/{name:[a-z]+\\.(?:js|css)}")
    @Operation(summary = "The hosted widget's script and styles (versioned by ?v=)")
    ResponseEntity<byte[]> asset(@PathVariable String name, @RequestParam(name = "v", required = false) String version) {
        WidgetAssets.Asset asset = assets.asset(name).filter(a -> !a.name().startsWith("linkport"))
                .orElseThrow(() -> ApiException.notFound("not_found", "No such asset."));
        boolean current = asset.version().equals(version);
        return serve(asset, current ? IMMUTABLE : CacheControl.noCache());
    }

    private static ResponseEntity<byte[]> serve(WidgetAssets.Asset asset, CacheControl cache) {
        return ResponseEntity.ok()
                .cacheControl(cache)
                .header("Content-Type", asset.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .eTag('"' + asset.version() + '"')
                .body(asset.body());
    }
}
