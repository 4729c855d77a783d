package io.linkport.tokens;

/** A token just issued: its database record and the signed JWT handed to the caller. */
public record SignedToken(IssuedToken record, String jwt) {
}
