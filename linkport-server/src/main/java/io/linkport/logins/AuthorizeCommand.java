package io.linkport.logins;

import java.util.List;
import java.util.Map;

/**
 * A checked {@code POST /v1/Authorize} body. {@code save} is null when the caller did not say;
 * {@code securityResponses} (prompt → answers) is set only on an MFA follow-up with {@code requestId}.
 */
record AuthorizeCommand(String loginId, boolean mostRecentCached, Boolean save, String requestId,
                        Map<String, List<String>> securityResponses) {

    boolean mfaFollowUp() {
        return requestId != null && securityResponses != null;
    }

    @Override
    public String toString() {
        return "AuthorizeCommand[loginId=" + loginId + ", cached=" + mostRecentCached + ", save=" + save + "]";
    }
}
