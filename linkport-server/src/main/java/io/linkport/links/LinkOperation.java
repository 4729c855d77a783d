package io.linkport.links;

/** One operation of a link, as it may be shown: resource and action, never the arguments. */
public record LinkOperation(String resource, String action) {
}
