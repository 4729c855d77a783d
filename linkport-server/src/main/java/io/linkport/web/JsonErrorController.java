package io.linkport.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container rejecting a malformed request line,
 * say) end up here; they get the same JSON body as everything else instead of an HTML page.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String error = switch (status) {
            case NOT_FOUND -> "not_found";
            case PAYLOAD_TOO_LARGE -> "payload_too_large";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case INTERNAL_SERVER_ERROR -> "internal_error";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
        return ResponseEntity.status(status).body(new ApiError(error, status.getReasonPhrase(), RequestIds.current()));
    }
}
