package io.linkport.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every sandbox resource by name, for institutions to pick theirs from. */
@Component
class SandboxResources {

    private final Map<String, SandboxResource> byName = new LinkedHashMap<>();

    SandboxResources(List<SandboxResource> resources) {
        resources.forEach(resource -> byName.put(resource.name(), resource));
    }

    SandboxResource get(String name) {
        SandboxResource resource = byName.get(name);
        if (resource == null) {
            throw new IllegalStateException("No sandbox resource called " + name);
        }
        return resource;
    }

    List<SandboxResource> of(SandboxInstitution institution) {
        return institution.resources().stream().map(this::get).toList();
    }
}
