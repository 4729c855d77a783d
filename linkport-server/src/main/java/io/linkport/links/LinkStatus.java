package io.linkport.links;

import java.util.Locale;

/**
 * A link's state: {@code pending → claimed → authenticating ⇄ mfa_required → running →
 * completed | failed}; any non-terminal state may end {@code expired} or {@code canceled}.
 * Terminal states never change.
 */
public enum LinkStatus {
    PENDING, CLAIMED, AUTHENTICATING, MFA_REQUIRED, RUNNING, COMPLETED, FAILED, EXPIRED, CANCELED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELED;
    }

    /** As the API writes it: {@code mfa_required}. */
    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for an unknown name. */
    public static LinkStatus parse(String value) {
        for (LinkStatus status : values()) {
            if (status.lower().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
