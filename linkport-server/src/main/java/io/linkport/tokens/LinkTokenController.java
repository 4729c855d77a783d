package io.linkport.tokens;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Seed 000: {@code POST /v1/link_tokens}. */
@RestController
@Tag(name = "Tokens", description = "Short-lived, single-use tokens that open the widget")
class LinkTokenController {

    /** Seed 000 writes expiry as {@code 2021-01-09T02:52:26+00:00}. */
    static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final LinkTokenService linkTokens;

    LinkTokenController(LinkTokenService linkTokens) {
        this.linkTokens = linkTokens;
    }

    record LinkTokenData(String mode, String id, String token, String expires) {
    }

    record LinkTokenResponse(LinkTokenData data) {
    }

    @PostMapping(value = "/v1/link_tokens", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create a link token (seed 000): single use, expires after one hour")
    LinkTokenResponse create(ApiCaller caller, @RequestBody JsonNode body) {
        SignedToken token = linkTokens.create(caller, linkTokens.parse(body));
        IssuedToken record = token.record();
        return new LinkTokenResponse(new LinkTokenData(record.mode().lower(), record.id(), token.jwt(),
                EXPIRES.format(record.expiresAt().atOffset(ZoneOffset.UTC))));
    }
}
