package io.linkport.logins;

import io.linkport.connector.FailureCode;
import io.linkport.web.ApiException;
import org.springframework.http.HttpStatus;

/** The stable error codes of {@code POST /v1/Authorize} for each way an institution can refuse. */
final class AuthorizeErrors {

    private AuthorizeErrors() {
    }

    static ApiException of(FailureCode code) {
        return switch (code) {
            case INVALID_CREDENTIALS, REAUTHENTICATION_REQUIRED -> new ApiException(HttpStatus.UNAUTHORIZED,
                    "reauthentication_required",
                    "The institution no longer accepts this login's credentials. Open the widget in update mode for it.");
            case INVALID_MFA -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid_security_response",
                    "The MFA answer was not accepted.");
            case ACCOUNT_LOCKED -> new ApiException(HttpStatus.UNAUTHORIZED, "account_locked",
                    "The institution locked this account; the user must resolve it with the institution.");
            case ACCESS_DENIED -> new ApiException(HttpStatus.UNAUTHORIZED, "access_denied",
                    "The user withdrew the institution's authorization.");
            case INSTITUTION_UNAVAILABLE, TIMEOUT -> new ApiException(HttpStatus.BAD_GATEWAY, "institution_unavailable",
                    "The institution is not answering; retry later.");
            default -> new ApiException(HttpStatus.BAD_GATEWAY, "institution_error", "The institution returned an error.");
        };
    }
}
