package io.linkport.users;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Seed 001's {@code POST /tokens}: refresh a user's token. */
@RestController
@Tag(name = "Users")
class UserTokenController {

    private final UserService users;
    private final UserRequests requests;

    UserTokenController(UserService users, UserRequests requests) {
        this.users = users;
        this.requests = requests;
    }

    /** The optional body, for the API document; the query parameter is seed 001's way. */
    record TokenRequest(String userId) {
    }

    @PostMapping(value = "/v1/tokens", produces = "application/json")
    @Operation(summary = "Refresh a user's token: pass userId in the query (or a JSON body)",
            description = "Answers seed 001's Token object. The user's earlier unused tokens stop working at once.")
    ResponseEntity<UserViews.TokenView> refresh(ApiCaller caller, @RequestParam(required = false) String userId,
                                @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                                        content = @Content(schema = @Schema(implementation = TokenRequest.class)))
                                @RequestBody(required = false) JsonNode body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(UserViews.TokenView.of(users.refreshToken(caller, requests.tokenUserId(userId, body))));
    }
}
