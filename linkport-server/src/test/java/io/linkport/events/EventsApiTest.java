package io.linkport.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.common.Mode;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class EventsApiTest extends ServerTest {

    @Autowired
    private TransactionTemplate tx;

    @Autowired
    private EventLog eventLog;

    /** Five events: link_a created/claimed/completed for user u1, link_b created for u2, USER_CREATED u1. */
    private List<String> seed(TestTenant tenant) {
        List<String> ids = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            ids.add(eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_CREATED, Map.of("linkId", "link_a", "endUserId", "u1")).id());
            ids.add(eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_CLAIMED, Map.of("linkId", "link_a", "endUserId", "u1")).id());
            ids.add(eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_CREATED, Map.of("linkId", "link_b", "endUserId", "u2")).id());
            ids.add(eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED,
                    Map.of("linkId", "link_a", "endUserId", "u1", "resultUrl", "/v1/links/link_a")).id());
            ids.add(eventLog.append(tenant.id(), Mode.SANDBOX, EventType.USER_CREATED, Map.of("userId", "u1", "endUserId", "u1")).id());
        });
        return ids;
    }

    private List<String> ids(JsonNode page) {
        return page.get("data").valueStream().map(e -> e.get("id").asString()).toList();
    }

    @Test
    void listEventsWhenNoCursorThenNewestFirstPagedWithCursor() {
        TestTenant tenant = newTenant("events-list");
        List<String> ids = seed(tenant);
        JsonNode first = api.get("/v1/events?limit=2", tenant.auth()).json();
        assertThat(ids(first)).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode second = api.get("/v1/events?limit=2&cursor=" + first.get("nextCursor").asString(), tenant.auth()).json();
        assertThat(ids(second)).containsExactly(ids.get(2), ids.get(1));
        JsonNode third = api.get("/v1/events?limit=2&cursor=" + second.get("nextCursor").asString(), tenant.auth()).json();
        assertThat(ids(third)).containsExactly(ids.get(0));
        assertThat(third.get("hasMore").asBoolean()).isFalse();
        assertThat(third.has("nextCursor")).isFalse();
        JsonNode envelope = first.get("data").get(1);
        assertThat(envelope.get("type").asString()).isEqualTo("LINK_COMPLETED");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("data").get("resultUrl").asString()).isEqualTo("/v1/links/link_a");
    }

    @Test
    void listEventsWhenAfterThenForwardWithPollableCursor() {
        TestTenant tenant = newTenant("events-after");
        List<String> ids = seed(tenant);
        JsonNode page = api.get("/v1/events?limit=3&after=" + ids.get(0), tenant.auth()).json();
        assertThat(ids(page)).containsExactly(ids.get(1), ids.get(2), ids.get(3));
        JsonNode rest = api.get("/v1/events?limit=3&cursor=" + page.get("nextCursor").asString(), tenant.auth()).json();
        assertThat(ids(rest)).containsExactly(ids.get(4));
        JsonNode empty = api.get("/v1/events?cursor=" + rest.get("nextCursor").asString(), tenant.auth()).json();
        assertThat(empty.get("data").size()).isZero();
        String pollFrom = empty.get("nextCursor").asString();
        String later = tx.execute(s -> eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_EXPIRED, Map.of("linkId", "link_b")).id());
        assertThat(ids(api.get("/v1/events?cursor=" + pollFrom, tenant.auth()).json())).containsExactly(later);
    }

    @Test
    void listEventsWhenFilteredThenOnlyMatching() {
        TestTenant tenant = newTenant("events-filter");
        List<String> ids = seed(tenant);
        assertThat(ids(api.get("/v1/events?type=LINK_CREATED", tenant.auth()).json())).containsExactly(ids.get(2), ids.get(0));
        assertThat(ids(api.get("/v1/events?linkId=link_a", tenant.auth()).json())).containsExactly(ids.get(3), ids.get(1), ids.get(0));
        assertThat(ids(api.get("/v1/events?endUserId=u2", tenant.auth()).json())).containsExactly(ids.get(2));
        assertThat(ids(api.get("/v1/events?linkId=link_a&type=LINK_CLAIMED", tenant.auth()).json())).containsExactly(ids.get(1));
    }

    @Test
    void getEventWhenOwnThenEnvelopeAndOtherTenantOrModeThenNotFound() {
        TestTenant tenant = newTenant("events-own");
        TestTenant other = newTenant("events-other");
        List<String> ids = seed(tenant);
        Api.Response own = api.get("/v1/events/" + ids.get(0), tenant.auth());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("id").asString()).isEqualTo(ids.get(0));
        assertThat(own.json().get("data").get("linkId").asString()).isEqualTo("link_a");
        Api.Response foreign = api.get("/v1/events/" + ids.get(0), other.auth());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("error").asString()).isEqualTo("event_not_found");
        assertThat(api.get("/v1/events", other.auth()).json().get("data").size()).isZero();

        String production = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY)).json().get("secret").asString();
        assertThat(api.get("/v1/events", Api.secret(production)).json().get("data").size()).isZero();
        assertThat(api.get("/v1/events/" + ids.get(0), Api.secret(production)).status()).isEqualTo(404);
        assertThat(api.get("/v1/events?after=" + ids.get(0), Api.secret(production)).status()).isEqualTo(400);
    }

    @Test
    void listEventsWhenBadParametersThenValidationError() {
        TestTenant tenant = newTenant("events-bad");
        for (String query : List.of("limit=0", "limit=101", "limit=ten", "type=NOPE", "cursor=garbage", "after=xyz",
                "after=et-unknown", "cursor=evc_Zm9v")) {
            Api.Response response = api.get("/v1/events?" + query, tenant.auth());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
            assertThat(response.json().get("issues").size()).isEqualTo(1);
        }
        assertThat(api.get("/v1/events").status()).isEqualTo(401);
    }
}
