package io.linkport.logins;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where an OAuth institution sends the user back during {@code /v1/OAuth/Authorize}: the code is
 * exchanged, the login saved, and the user redirected to the tenant with {@code loginId} or an error.
 */
@RestController
@Tag(name = "Saved logins")
class OAuthReturnController {

    private final OAuthFlowStep oauth;

    OAuthReturnController(OAuthFlowStep oauth) {
        this.oauth = oauth;
    }

    @GetMapping(value = OAuthFlowStep.CALLBACK_PATH, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Where an OAuth institution sends the user back (code and Linkport's one-time state)")
    ResponseEntity<String> oauthCallback(@RequestParam(required = false) String state,
                                         @RequestParam(required = false) String code,
                                         @RequestParam(required = false) String error) {
        FlowStep step = oauth.callback(state, code, error);
        if (step instanceof FlowStep.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(redirect.url()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return LoginPages.done(((FlowStep.Show) step).flow());
    }

    @ExceptionHandler(FlowPageException.class)
    ResponseEntity<String> errorPage(FlowPageException e) {
        return LoginPages.error(e.status(), e.title(), e.getMessage());
    }
}
