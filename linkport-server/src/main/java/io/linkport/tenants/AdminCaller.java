package io.linkport.tenants;

/** An operator authenticated with an admin key; declaring it as a parameter protects an endpoint. */
public record AdminCaller(String keyId) {
}
