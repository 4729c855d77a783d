package io.linkport.sessions;

import io.linkport.links.Link;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where institutions send the user back after an OAuth authorization. Answers a tiny page that
 * tells the widget (its opener, or its parent frame) to continue, and otherwise asks the user
 * to go back to the app.
 */
@RestController
@Tag(name = "Sessions")
class OAuthCallbackController {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>%s</title></head>
            <body style="font-family:system-ui,sans-serif;text-align:center;padding:3em">
            <p>%s</p>
            <script>
            (function () {
              var message = {type: "linkport:oauth_complete", linkId: %s, ok: %s};
              var target = window.opener || (window.parent !== window ? window.parent : null);
              if (target) { target.postMessage(message, %s); if (window.opener) { window.close(); } }
            })();
            </script>
            </body></html>""";

    private final OAuthSessions oauth;

    OAuthCallbackController(OAuthSessions oauth) {
        this.oauth = oauth;
    }

    @GetMapping(value = OAuthSessions.CALLBACK_PATH, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "OAuth redirect target: finishes the institution login and tells the widget to continue")
    ResponseEntity<String> callback(@RequestParam(required = false) String state,
                                    @RequestParam(required = false) String code,
                                    @RequestParam(required = false) String error) {
        Optional<Link> link = oauth.callback(state, code, error);
        if (link.isEmpty()) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML).body(PAGE.formatted(
                    "Link expired", "This sign-in link is no longer valid. Go back to the app and try again.",
                    "null", "false", "\"*\""));
        }
        // linkId and the public base are server-made ([a-z0-9_] and a configured URL): safe inside the script.
        String origin = link.get().publicBase();
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE.formatted("Signed in",
                "You can return to the app now.", "\"" + link.get().id() + "\"", "true", "\"" + origin + "\""));
    }
}
