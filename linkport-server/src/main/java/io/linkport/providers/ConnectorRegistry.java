package io.linkport.providers;

import io.linkport.connector.Connector;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every connector the server knows: the built-in ones (Spring beans, such as the sandbox
 * institutions) and any found on the classpath through {@link ServiceLoader}, so a connector
 * packaged as its own jar works without changing the server. Ids must be unique.
 */
@Component
public class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, Connector> byId = new LinkedHashMap<>();

    ConnectorRegistry(ObjectProvider<Connector> builtIn) {
        builtIn.orderedStream().forEach(this::register);
        for (Connector connector : ServiceLoader.load(Connector.class, Thread.currentThread().getContextClassLoader())) {
            register(connector);
            log.info("Loaded connector {} from {}", connector.descriptor().id(), connector.getClass().getName());
        }
    }

    private void register(Connector connector) {
        String id = connector.descriptor().id();
        Connector previous = byId.putIfAbsent(id, connector);
        if (previous != null && previous.getClass() != connector.getClass()) {
            throw new IllegalStateException("Two connectors claim the integration id '" + id + "': "
                    + previous.getClass().getName() + " and " + connector.getClass().getName());
        }
    }

    public Optional<Connector> find(String integrationId) {
        return Optional.ofNullable(integrationId == null ? null : byId.get(integrationId));
    }

    public Collection<Connector> all() {
        return byId.values();
    }
}
