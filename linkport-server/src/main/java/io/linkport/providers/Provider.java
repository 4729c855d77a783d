package io.linkport.providers;

import com.networknt.schema.Schema;
import io.linkport.connector.Connector;
import io.linkport.connector.IntegrationDescriptor;
import java.util.Map;

/**
 * A catalog entry: a connector's descriptor with its argument schemas compiled once, keyed
 * {@code resource + "." + action}.
 */
public record Provider(IntegrationDescriptor descriptor, Connector connector, Map<String, Schema> argumentSchemas) {

    public String id() {
        return descriptor.id();
    }

    public boolean supports(String resource, String action) {
        return argumentSchemas.containsKey(resource + "." + action);
    }
}
