package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/** Recent orders: restaurant meals at food-delivery merchants, goods at retailers. */
@Component
class OrderHistoryResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("orderHistory",
            "Your recent orders: what, when, where and how much", "orders");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        Faker faker = account.faker("orders");
        boolean food = "food".equals(account.institution().orderKind());
        List<Map<String, Object>> orders = new ArrayList<>();
        int daysAgo = 0;
        for (int i = 0; i < 8; i++) {
            daysAgo += faker.number().numberBetween(1, 12);
            List<Map<String, Object>> items = new ArrayList<>();
            long subtotal = 0;
            int count = faker.number().numberBetween(1, 4);
            for (int j = 0; j < count; j++) {
                int quantity = faker.number().numberBetween(1, 3);
                long price = food ? faker.number().numberBetween(600, 2_400) : faker.number().numberBetween(499, 12_999);
                subtotal += price * quantity;
                items.add(object("name", food ? faker.food().dish() : faker.commerce().productName(),
                        "quantity", quantity, "unitPrice", SandboxAccount.money(price)));
            }
            long fees = food ? faker.number().numberBetween(199, 699) : (subtotal >= 3_500 ? 0 : 599);
            long tip = food ? subtotal * faker.number().numberBetween(10, 21) / 100 : 0;
            BigDecimal total = SandboxAccount.money(subtotal + fees + tip);
            orders.add(object("orderId", (food ? "ord_" : "114-") + faker.numerify("#######-#######"),
                    "placedAt", account.asOf().minusDays(daysAgo).atTime(LocalTime.of(faker.number().numberBetween(8, 22),
                            faker.number().numberBetween(0, 60))).atOffset(ZoneOffset.UTC).toString(),
                    "status", faker.number().numberBetween(0, 20) == 0 ? "canceled" : "delivered",
                    "storeName", food ? faker.restaurant().name() : account.institution().name(),
                    "items", items, "subtotal", SandboxAccount.money(subtotal), "fees", SandboxAccount.money(fees),
                    "tip", SandboxAccount.money(tip), "total", total, "currency", "USD",
                    "cardLast4", account.profile().card().last4()));
        }
        return object("orders", orders);
    }
}
