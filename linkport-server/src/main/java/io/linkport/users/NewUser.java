package io.linkport.users;

/** A checked {@code POST /v1/users} body; every field is optional. */
public record NewUser(String externalUserId, String name, String email, String phone) {
}
