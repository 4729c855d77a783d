package io.linkport.links;

import io.linkport.common.Mode;
import java.time.Instant;
import java.util.List;

/**
 * A link as the rest of the server sees it. Secrets (arguments, connector state, the result)
 * are not part of it: {@link LinkService} and {@link LinkLifecycle} hand them out decrypted
 * only to the code that needs them.
 *
 * @param progress   per operation, {@code pending|running|completed|failed}
 * @param mfaChallenge the challenge put to the user (JSON text, no secrets) while {@code mfa_required}
 * @param publicBase the public base URL the link's URLs are built on
 * @param forLogin   made for a saved login (seed 003): only such a link can have an authorize flow,
 *                   so only its login and completion look one up
 */
public record Link(String id, String tenantId, Mode mode, String integrationId, boolean integrationFixed,
                   List<LinkOperation> operations, String webhookUrl, String returnUrl, String externalUserId,
                   String userId, String linkTokenId, String endUserId, String orgName, String language,
                   boolean debug, boolean forLogin, LinkStatus status, LinkError error, List<String> progress,
                   int attemptsLeft, int mfaAttemptsLeft, boolean consented, String mfaChallenge, String publicBase,
                   String leaseOwner, Instant leaseUntil, Instant createdAt, Instant updatedAt, Instant expiresAt,
                   Instant claimedAt, Instant finishedAt) {

    public Link {
        operations = List.copyOf(operations);
        progress = List.copyOf(progress);
    }

    /** The pointer to the result that LINK_COMPLETED carries. */
    public String resultUrl() {
        return publicBase + "/v1/links/" + id;
    }
}
