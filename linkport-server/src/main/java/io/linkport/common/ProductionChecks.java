package io.linkport.common;

import org.springframework.stereotype.Component;

/**
 * Production mode refuses to start on settings that are only safe on a laptop. The master key is
 * checked where it is loaded ({@link MasterKeyCipher}); the rest is checked here.
 */
@Component
class ProductionChecks {

    ProductionChecks(LinkportProperties properties) {
        if (!properties.production()) {
            return;
        }
        if (properties.publicUrl() == null || !properties.publicUrl().startsWith("https://")) {
            throw new IllegalStateException("LINKPORT_PUBLIC_URL must be set to an https:// URL in production mode");
        }
        if (properties.adminKey() == null) {
            throw new IllegalStateException("LINKPORT_ADMIN_KEY must be set in production mode");
        }
    }
}
