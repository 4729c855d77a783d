package io.linkport.connector;

/**
 * A documented sandbox user: what to type and what happens.
 *
 * @param username what to type as the username
 * @param password what to type as the password
 * @param behaviour what the institution does for this user, in plain words
 * @param mfaAnswer the answer that passes this user's MFA challenge, when there is one
 */
public record TestCredential(String username, String password, String behaviour, String mfaAnswer) {
}
