package io.linkport.connector;

/**
 * One field of the login form.
 *
 * @param name   the key under which the value reaches {@link LoginRequest#credentials()}
 * @param label  what the user sees
 * @param secret true for passwords and PINs: masked in the form, never shown again
 */
public record CredentialField(String name, String label, boolean secret) {
}
