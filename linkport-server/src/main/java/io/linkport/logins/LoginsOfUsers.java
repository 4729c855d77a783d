package io.linkport.logins;

import io.linkport.users.EndUser;
import io.linkport.users.UserLogins;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Shows a user's saved logins in {@code GET /v1/users/{userId}} and erases them, credentials
 * included, when the user is deleted. A login belongs to a user when it was made for the
 * user's Linkport id or for the tenant's own id of that user.
 */
@Component
class LoginsOfUsers implements UserLogins {

    private final JdbcLoginsOfUserRepository logins;

    LoginsOfUsers(JdbcLoginsOfUserRepository logins) {
        this.logins = logins;
    }

    @Override
    public List<Map<String, Object>> loginsFor(EndUser user) {
        return logins.list(user.tenantId(), user.mode().name(), user.id(), user.externalUserId());
    }

    @Override
    public void forget(EndUser user) {
        logins.delete(user.tenantId(), user.mode().name(), user.id(), user.externalUserId());
    }
}
