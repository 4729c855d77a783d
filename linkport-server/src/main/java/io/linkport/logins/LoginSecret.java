package io.linkport.logins;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a saved login needs to reach the institution again without the user: the credentials the
 * user typed, or the connector's session (OAuth tokens). Only ever held in memory; stored sealed.
 */
record LoginSecret(Map<String, String> credentials, Map<String, String> session) {

    LoginSecret {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        session = session == null ? Map.of() : Map.copyOf(session);
    }

    Map<String, Map<String, String>> sections() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        sections.put("credentials", credentials);
        sections.put("session", session);
        return sections;
    }

    static LoginSecret of(Map<String, Map<String, String>> sections) {
        return new LoginSecret(sections.get("credentials"), sections.get("session"));
    }

    @Override
    public String toString() {
        return "LoginSecret[redacted]";
    }
}
