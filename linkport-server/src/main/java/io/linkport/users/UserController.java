package io.linkport.users;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Seed 001's users: {@code POST /v1/users} plus reading, listing and deleting them. */
@RestController
@Tag(name = "Users", description = "End users and their tokens (seed 001)")
class UserController {

    private final UserService users;
    private final UserRequests requests;

    UserController(UserService users, UserRequests requests) {
        this.users = users;
        this.requests = requests;
    }

    @PostMapping(value = "/v1/users", produces = "application/json")
    @Operation(summary = "Create an end user and a user token (single use, one hour by default)",
            description = "201 for a new user. When externalUserId already names a user of this tenant and mode, "
                    + "200 with that user and a new token; the user's earlier unused tokens stop working.")
    ResponseEntity<UserViews.CreatedUserView> create(ApiCaller caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = NewUser.class)))
            @RequestBody(required = false) JsonNode body) {
        UserService.IssuedUser issued = users.create(caller, requests.newUser(body));
        return ResponseEntity.status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .cacheControl(CacheControl.noStore()).body(UserViews.CreatedUserView.of(issued));
    }

    @GetMapping(value = "/v1/users/{userId}", produces = "application/json")
    @Operation(summary = "An end user's profile, links and saved logins")
    UserViews.UserProfileView get(ApiCaller caller, @PathVariable String userId) {
        return UserViews.UserProfileView.of(users.profile(caller, userId));
    }

    @GetMapping(value = "/v1/users", produces = "application/json")
    @Operation(summary = "End users in creation order, a page at a time; follow nextCursor until it is null")
    UserViews.UserListView list(ApiCaller caller,
                                @Parameter(description = "1 to 100, default 25") @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor,
                                @Parameter(description = "only the user with this tenant-side id")
                                @RequestParam(required = false) String externalUserId) {
        UserRequests.ListQuery query = requests.listQuery(limit, cursor, externalUserId);
        return UserViews.UserListView.of(users.list(caller, query.afterSeq(), query.limit(), query.externalUserId()));
    }

    @DeleteMapping(value = "/v1/users/{userId}", produces = "application/json")
    @Operation(summary = "Erase an end user's personal data, links' results and saved logins",
            description = "The user's id is never reused; afterwards the user is not found and a USER_DELETED event "
                    + "records the deletion.")
    UserViews.DeletedUserView delete(ApiCaller caller, @PathVariable String userId) {
        return new UserViews.DeletedUserView(userId, true, UserViews.time(users.delete(caller, userId)));
    }
}
