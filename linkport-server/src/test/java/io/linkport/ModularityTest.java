package io.linkport;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: no cycles between features, and no feature reaching into
 * another's internals. A failure names the offending dependency.
 */
class ModularityTest {

    @Test
    void featuresDependOnEachOtherOnlyThroughPublishedTypesWithoutCycles() {
        ApplicationModules.of(LinkportApplication.class).verify();
    }
}
