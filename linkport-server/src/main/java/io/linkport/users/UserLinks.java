package io.linkport.users;

import java.util.List;
import java.util.Map;

/**
 * What the links feature knows about an end user. Implemented by the links feature (which
 * depends on users, never the other way round); without an implementation a user simply has no
 * links. Every bean of this type is consulted.
 */
public interface UserLinks {

    /** The user's links as {@code GET /v1/users/{userId}} shows them under {@code links}. */
    List<Map<String, Object>> linksFor(EndUser user);

    /**
     * Erases what the user's links hold about them (results, arguments, their tenant-side id).
     * Runs inside the transaction that deletes the user, before the user's own fields are wiped,
     * so a failure here leaves the user untouched.
     */
    void forget(EndUser user);
}
