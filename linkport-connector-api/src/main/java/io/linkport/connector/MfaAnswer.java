package io.linkport.connector;

import java.util.List;

/**
 * The user's answer to an {@link MfaChallenge}: a code, the answers to the questions (in
 * order), or the chosen device id. Only the field matching the challenge type is set.
 */
public record MfaAnswer(String code, List<String> answers, String deviceId) {

    public MfaAnswer {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    @Override
    public String toString() {
        return "MfaAnswer[redacted]";
    }
}
