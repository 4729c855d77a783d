package io.linkport.users;

import java.util.List;
import java.util.Map;

/**
 * The end user's saved logins (seed 003's {@code loginId}s). Implemented by the saved-logins
 * feature; without an implementation a user has no saved logins. Every bean of this type is
 * consulted.
 */
public interface UserLogins {

    /** The user's saved logins as {@code GET /v1/users/{userId}} shows them under {@code logins}; never credentials. */
    List<Map<String, Object>> loginsFor(EndUser user);

    /**
     * Deletes the user's saved logins and their encrypted credentials. Runs inside the
     * transaction that deletes the user, before the user's own fields are wiped.
     */
    void forget(EndUser user);
}
