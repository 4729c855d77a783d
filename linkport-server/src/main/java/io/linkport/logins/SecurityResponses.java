package io.linkport.logins;

import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import io.linkport.web.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flinks' {@code SecurityChallenges} / {@code SecurityResponses} on top of Linkport's MFA
 * challenge: each challenge is keyed by its prompt, and the answers come back under that prompt.
 */
final class SecurityResponses {

    private SecurityResponses() {
    }

    /** The challenge as Flinks writes it: {@code [{"Type","Prompt","Iterables"?}]}. */
    static List<Map<String, Object>> challenges(MfaChallenge challenge) {
        List<Map<String, Object>> out = new ArrayList<>();
        switch (challenge.type()) {
            case SECURITY_QUESTION -> challenge.questions().forEach(q -> out.add(entry("QuestionAndAnswer", q, null)));
            case DEVICE_SELECTION -> out.add(entry("MultipleChoice", challenge.prompt(),
                    challenge.devices().stream().map(MfaChallenge.Device::label).toList()));
            case ONE_TIME_CODE -> out.add(entry("TextOrCall", challenge.prompt(), null));
        }
        return out;
    }

    static MfaAnswer toAnswer(MfaChallenge challenge, Map<String, List<String>> responses) {
        return switch (challenge.type()) {
            case ONE_TIME_CODE -> new MfaAnswer(single(responses, challenge.prompt()), null, null);
            case SECURITY_QUESTION -> {
                List<String> answers = new ArrayList<>();
                for (String question : challenge.questions()) {
                    answers.add(single(responses, question));
                }
                yield new MfaAnswer(null, answers, null);
            }
            case DEVICE_SELECTION -> {
                String chosen = single(responses, challenge.prompt());
                String deviceId = challenge.devices().stream()
                        .filter(d -> d.label().equals(chosen) || d.id().equals(chosen)).map(MfaChallenge.Device::id)
                        .findFirst().orElseThrow(() -> ValidationException.of("SecurityResponses", "must name one of the offered devices"));
                yield new MfaAnswer(null, null, deviceId);
            }
        };
    }

    /** The answer under {@code prompt}; a lone answer counts for a lone prompt whatever its key. */
    private static String single(Map<String, List<String>> responses, String prompt) {
        List<String> values = responses.get(prompt);
        if (values == null && responses.size() == 1) {
            values = responses.values().iterator().next();
        }
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            throw ValidationException.of("SecurityResponses", "must answer '" + prompt + "'");
        }
        return values.get(0);
    }

    private static Map<String, Object> entry(String type, String prompt, List<String> iterables) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Type", type);
        entry.put("Prompt", prompt);
        if (iterables != null) {
            entry.put("Iterables", iterables);
        }
        return entry;
    }
}
