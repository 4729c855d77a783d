package io.linkport.tenants;

/** A key just created: the only moment its secret exists outside the caller's hands. */
public record IssuedKey(ApiKey key, String secret) {
}
