package io.linkport.sandbox;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.ResourceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;

/**
 * Builds sandbox resource descriptors from the JSON Schemas in {@code sandbox/schemas/}:
 * {@code <resource>.data.json} describes what a read returns, {@code <resource>.write.json} the
 * write arguments. Reads take no arguments.
 */
final class SandboxSchemas {

    private static final String NO_ARGUMENTS = load("no-arguments.json");

    private SandboxSchemas() {
    }

    static ResourceDescriptor readOnly(String name, String description, String dataKey) {
        return descriptor(name, description, dataKey, null);
    }

    static ResourceDescriptor readWrite(String name, String description, String dataKey, String writeDescription) {
        return descriptor(name, description, dataKey, writeDescription);
    }

    private static ResourceDescriptor descriptor(String name, String description, String dataKey,
                                                 String writeDescription) {
        List<ActionDescriptor> actions = new ArrayList<>();
        actions.add(new ActionDescriptor("read", "Read " + description.substring(0, 1).toLowerCase() + description.substring(1),
                NO_ARGUMENTS, false));
        if (writeDescription != null) {
            actions.add(new ActionDescriptor("write", writeDescription, load(name + ".write.json"), true));
        }
        return new ResourceDescriptor(name, description, dataKey, load(name + ".data.json"), actions);
    }

    private static String load(String file) {
        try (InputStream in = new ClassPathResource("sandbox/schemas/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing sandbox schema " + file, e);
        }
    }
}
