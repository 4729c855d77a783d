package io.linkport.logins;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkport.links.Link;
import io.linkport.links.LinkLifecycle;
import io.linkport.sessions.SessionCaller;
import io.linkport.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/connect/finish}: the widget, holding a saved-login session, asks how the login
 * ended once its link stopped — the login id, or seed 003's error code — and, for
 * {@code /v1/OAuth/Authorize} and a Connect iframe given a {@code redirectUrl}, the exact URL to
 * send the user to. The first call after a failure records it ({@code LOGIN_FAILED}); later calls
 * answer the same.
 */
@RestController
@Tag(name = "Saved logins")
class ConnectFinishController {

    private final AuthorizeFlowService flows;
    private final LinkLifecycle lifecycle;

    ConnectFinishController(AuthorizeFlowService flows, LinkLifecycle lifecycle) {
        this.flows = flows;
        this.lifecycle = lifecycle;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Finished(String status, String loginId, String error, String errorDescription, String redirectUrl) {
    }

    @PostMapping("/v1/connect/finish")
    @Operation(summary = "How a saved-login widget session ended, and where to send the user (session credential)")
    Finished finish(SessionCaller caller) {
        AuthorizeFlow flow = flows.findByLink(caller.linkId()).orElseThrow(() ->
                ApiException.notFound("not_a_login_session", "This session does not make a saved login."));
        if (!flow.finished()) {
            Link link = lifecycle.find(caller.linkId()).orElseThrow();
            String error = switch (link.status()) {
                case FAILED -> RedirectResults.errorOfLink(link.error() == null ? null : link.error().code());
                case EXPIRED -> RedirectResults.LOGIN_EXPIRED;
                case CANCELED -> RedirectResults.ACCESS_DENIED;
                // Completed without a saved login: saving it failed (logged where it happened).
                case COMPLETED -> RedirectResults.SERVER_ERROR;
                default -> null;
            };
            if (error == null) {
                throw ApiException.conflict("login_in_progress", "The login has not finished yet.");
            }
            flows.fail(flow, error);
            flow = flows.reload(flow);
        }
        String redirect = flows.outcome(flow) instanceof FlowStep.Redirect r ? r.url() : null;
        if (flow.status() == AuthorizeFlow.Status.COMPLETED) {
            return new Finished("completed", flow.loginId(), null, null, redirect);
        }
        return new Finished("failed", null, flow.error(), RedirectResults.safe(RedirectResults.description(flow.error())), redirect);
    }
}
