package io.linkport.links;

/** A link just created, with the one-time view of its claim code (only its hash is stored). */
public record CreatedLink(Link link, String claimCode, String appClipUrl) {
}
