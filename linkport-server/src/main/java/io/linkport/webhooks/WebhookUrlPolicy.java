package io.linkport.webhooks;

import io.linkport.common.LinkportProperties;
import io.linkport.common.Mode;
import org.springframework.stereotype.Component;

/**
 * Which {@link AddressPolicy} applies: strict for production-mode keys, and for every key when
 * the server itself runs in production mode (a sandbox key there must not reach the server's own
 * loopback either).
 */
@Component
class WebhookUrlPolicy {

    private final boolean productionServer;

    WebhookUrlPolicy(LinkportProperties properties) {
        this.productionServer = properties.production();
    }

    AddressPolicy forMode(Mode mode) {
        return productionServer || mode == Mode.PRODUCTION ? AddressPolicy.STRICT : AddressPolicy.SANDBOX;
    }
}
