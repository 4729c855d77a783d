package io.linkport.connector;

import java.util.List;

/**
 * A kind of data at the institution ({@code paymentMethod}, {@code paystubs}) and what can be done with it.
 *
 * @param name        the resource name used in link operations
 * @param description what the data is, in plain words (shown on the consent screen)
 * @param dataKey     the key of the result when this is a link's only operation
 *                    ({@code {"billing": [...]}} has dataKey {@code billing})
 * @param dataSchema  a JSON Schema (as JSON text) describing the data a read returns
 * @param actions     {@code read}, {@code write}, …
 */
public record ResourceDescriptor(String name, String description, String dataKey, String dataSchema,
                                 List<ActionDescriptor> actions) {

    public ResourceDescriptor {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public ActionDescriptor action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }
}
