package io.linkport.links;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for link tests: seed 002's example, on the sandbox T-Mobile unless told otherwise. */
public final class LinkFixtures {

    public static final String CARD_NUMBER = "4111111111111111";

    private LinkFixtures() {
    }

    public static Map<String, Object> card() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("cardNumber", CARD_NUMBER);
        card.put("expirationDate", "12/28");
        card.put("cvv", "123");
        card.put("nameOnCard", "John Doe");
        card.put("billingZip", "10001");
        return card;
    }

    /** Seed 002's example request, verbatim apart from the integration. */
    public static Map<String, Object> seedExample(String integrationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrationId", integrationId);
        body.put("operations", List.of(Map.of("resource", "paymentMethod", "action", "read"),
                Map.of("resource", "paymentMethod", "action", "write", "arguments", card())));
        body.put("webhookUrl", "https://your-server.com/webhook");
        body.put("returnUrl", "https://your-app.com/done");
        return body;
    }

    public static Map<String, Object> seedExample() {
        return seedExample("tmobile");
    }

    public static Map<String, Object> singleRead(String integrationId, String resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrationId", integrationId);
        body.put("operations", List.of(Map.of("resource", resource, "action", "read")));
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }
}
