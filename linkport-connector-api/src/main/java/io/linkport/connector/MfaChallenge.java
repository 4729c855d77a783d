package io.linkport.connector;

import java.util.List;

/**
 * A multi-factor challenge.
 *
 * @param type      which kind of answer is expected
 * @param prompt    what to tell the user ("Enter the code we sent to ••• 1234")
 * @param questions for {@link Type#SECURITY_QUESTION}: the questions, answered in order
 * @param devices   for {@link Type#DEVICE_SELECTION}: where a code can be sent
 */
public record MfaChallenge(Type type, String prompt, List<String> questions, List<Device> devices) {

    public enum Type { ONE_TIME_CODE, SECURITY_QUESTION, DEVICE_SELECTION }

    /** A place a one-time code can be sent. */
    public record Device(String id, String label) {
    }

    public MfaChallenge {
        questions = questions == null ? List.of() : List.copyOf(questions);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public static MfaChallenge code(String prompt) {
        return new MfaChallenge(Type.ONE_TIME_CODE, prompt, List.of(), List.of());
    }
}
