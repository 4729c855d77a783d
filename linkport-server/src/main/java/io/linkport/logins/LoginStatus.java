package io.linkport.logins;

import java.util.Locale;

/** Where a saved login stands; {@link #lower()} is how the API writes it. */
public enum LoginStatus {
    /** Credentials or tokens work; the login can be refreshed. */
    ACTIVE,
    /** The institution refused the saved credentials; the user must log in again (update mode). */
    NEEDS_REAUTHENTICATION,
    /** The tenant asked not to keep the credentials ({@code Save=false}); only cached data remains. */
    CREDENTIALS_DELETED;

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
