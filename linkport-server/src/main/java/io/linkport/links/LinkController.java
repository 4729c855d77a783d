package io.linkport.links;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
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

/** Seed 002: {@code /v1/links}. Times are epoch milliseconds, as the seed writes them. */
@RestController
@Tag(name = "Links", description = "Link intents: which integration, which operations, for whom (seed 002)")
class LinkController {

    private final LinkService links;

    LinkController(LinkService links) {
        this.links = links;
    }

    record CreatedResponse(String linkId, String claimCode, String integrationId, List<LinkOperation> operations,
                           String status, String appClipUrl, String returnUrl, long expiresAt, long createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkResponse(String linkId, String integrationId, List<LinkOperation> operations, String status,
                        String externalUserId, String userId, String linkTokenId, String endUserId, String returnUrl,
                        String webhookUrl, boolean debug, long createdAt, long updatedAt, long expiresAt, Long claimedAt,
                        Long finishedAt, ErrorBody error, JsonNode result) {
    }

    record ErrorBody(String code, String message) {
    }

    record ListResponse(List<LinkResponse> links, String nextCursor) {
    }

    record TraceResponse(String linkId, boolean debug, List<TraceStep> steps) {
    }

    @PostMapping(value = "/v1/links", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create a link (seed 002): a record only; nothing runs until it is claimed")
    ResponseEntity<CreatedResponse> create(ApiCaller caller, @RequestBody JsonNode body) {
        CreatedLink created = links.create(caller, body);
        Link link = created.link();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedResponse(link.id(), created.claimCode(),
                link.integrationId(), link.operations(), link.status().lower(), created.appClipUrl(), link.returnUrl(),
                link.expiresAt().toEpochMilli(), link.createdAt().toEpochMilli()));
    }

    @GetMapping(value = "/v1/links/{linkId}", produces = "application/json")
    @Operation(summary = "A link: status, timestamps, the error when failed, the result when completed")
    LinkResponse get(ApiCaller caller, @PathVariable String linkId) {
        Link link = links.get(caller, linkId);
        return view(link, links.result(link).orElse(null));
    }

    @GetMapping(value = "/v1/links", produces = "application/json")
    @Operation(summary = "The caller's links, newest first; filter by status and externalUserId; cursor pagination")
    ListResponse list(ApiCaller caller, @RequestParam(required = false) String status,
                      @RequestParam(required = false) String externalUserId,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        LinkStatus wanted = null;
        if (status != null) {
            wanted = LinkStatus.parse(status);
            if (wanted == null) {
                throw ValidationException.of("status", "must be one of pending, claimed, authenticating, mfa_required,"
                        + " running, completed, failed, expired, canceled");
            }
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ValidationException.of("limit", "must be between 1 and 100");
        }
        LinkPage page = links.list(caller, wanted, externalUserId, cursor, size);
        return new ListResponse(page.links().stream().map(l -> view(l, null)).toList(), page.nextCursor());
    }

    @DeleteMapping(value = "/v1/links/{linkId}", produces = "application/json")
    @Operation(summary = "Cancel a link that has not finished (409 when it already has)")
    LinkResponse cancel(ApiCaller caller, @PathVariable String linkId) {
        return view(links.cancel(caller, linkId), null);
    }

    @GetMapping(value = "/v1/links/{linkId}/trace", produces = "application/json")
    @Operation(summary = "The step-by-step trace of a link created with debug: true (never holds secrets)")
    TraceResponse trace(ApiCaller caller, @PathVariable String linkId) {
        Link link = links.get(caller, linkId);
        return new TraceResponse(link.id(), link.debug(), links.trace(caller, linkId));
    }

    private static LinkResponse view(Link link, JsonNode result) {
        ErrorBody error = link.status() == LinkStatus.FAILED && link.error() != null
                ? new ErrorBody(link.error().code(), link.error().message()) : null;
        return new LinkResponse(link.id(), link.integrationId(), link.operations(), link.status().lower(),
                link.externalUserId(), link.userId(), link.linkTokenId(), link.endUserId(), link.returnUrl(),
                link.webhookUrl(), link.debug(), link.createdAt().toEpochMilli(), link.updatedAt().toEpochMilli(),
                link.expiresAt().toEpochMilli(), millis(link.claimedAt()), millis(link.finishedAt()), error, result);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
