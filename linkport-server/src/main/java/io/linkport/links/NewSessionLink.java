package io.linkport.links;

import io.linkport.common.Mode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A link created when the widget opens with a token rather than a claim code: from a link
 * token's details (seed 000) or for a Linkport user (seed 001). {@code integrationId} null lets
 * the user pick; {@code operations} may then be empty until they do.
 */
public record NewSessionLink(String tenantId, Mode mode, String integrationId, boolean integrationFixed,
                             List<LinkOperation> operations, List<JsonNode> arguments, String webhookUrl,
                             String linkTokenId, String endUserId, String userId, String orgName, String language,
                             String publicBase, boolean forLogin) {
}
