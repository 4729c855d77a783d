package io.linkport.common;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The base URL put into URLs handed to end users (claim pages, connect URLs, redirects). */
@Component
public class PublicUrls {

    private final String configured;

    public PublicUrls(LinkportProperties properties) {
        this.configured = properties.publicUrl();
    }

    /** The configured public URL, or this request's scheme, host and port when none is set. */
    public String base() {
        if (configured != null) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).build().toUriString();
    }

    public String resolve(String path) {
        return base() + path;
    }
}
