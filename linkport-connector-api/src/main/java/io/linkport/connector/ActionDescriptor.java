package io.linkport.connector;

/**
 * One thing that can be done to a resource.
 *
 * @param name            {@code read} or {@code write}
 * @param description     what it does, in plain words (shown on the consent screen)
 * @param argumentsSchema a JSON Schema (draft 2020-12, as JSON text) the operation's arguments must
 *                        match; Linkport validates arguments against it before the connector sees them
 * @param changesData     true when the action changes something at the institution
 */
public record ActionDescriptor(String name, String description, String argumentsSchema, boolean changesData) {
}
