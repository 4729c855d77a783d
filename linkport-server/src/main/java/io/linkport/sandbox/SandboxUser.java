package io.linkport.sandbox;

import java.util.Optional;

/**
 * The documented sandbox users. The username picks the behaviour; the password is
 * {@value #PASSWORD} unless said otherwise. Any username starting with {@code user_good} behaves
 * like {@code user_good} with its own generated person, so a tenant can have many distinct
 * test people.
 */
enum SandboxUser {

    GOOD("user_good", "Logs in without MFA. Any username starting with user_good (user_good_2, user_good_alice) "
            + "does the same with its own person and data.", null),
    MFA_CODE("user_mfa_code", "Asks for a one-time code (ONE_TIME_CODE); 1234 passes, any other code is INVALID_MFA.",
            "1234"),
    MFA_QUESTION("user_mfa_question", "Asks a security question (SECURITY_QUESTION): \"" + SandboxLogin.QUESTION
            + "\"; the answer is fluffy (any case), anything else is INVALID_MFA.", SandboxLogin.QUESTION_ANSWER),
    MFA_DEVICE("user_mfa_device", "Asks where to send a code (DEVICE_SELECTION: sms or email); then a one-time code, "
            + "1234. An unknown device or another code is INVALID_MFA.", "sms, then 1234"),
    LOCKED("user_locked", "Login fails with ACCOUNT_LOCKED, whatever the password.", null),
    DOWN("user_down", "Login fails with INSTITUTION_UNAVAILABLE, whatever the password.", null),
    SLOW("user_slow", "Every call (login and each operation) takes linkport.sandbox.slow-delay (3 s by default); "
            + "a call whose deadline is sooner fails with TIMEOUT.", null),
    FAIL_SECOND("user_fail_second", "Logs in; the first operation of the session succeeds, the second fails with "
            + "INSTITUTION_ERROR (to see a link fail as a whole).", null),
    PASSWORD_CHANGED("user_password_changed", "The first login succeeds; after that the institution \"changes\" the "
            + "password: pass_good answers REAUTHENTICATION_REQUIRED (login and refresh), pass_new logs in.", null);

    static final String PASSWORD = "pass_good";
    static final String NEW_PASSWORD = "pass_new";

    private final String username;
    private final String behaviour;
    private final String mfaAnswer;

    SandboxUser(String username, String behaviour, String mfaAnswer) {
        this.username = username;
        this.behaviour = behaviour;
        this.mfaAnswer = mfaAnswer;
    }

    String username() {
        return username;
    }

    String behaviour() {
        return behaviour;
    }

    String mfaAnswer() {
        return mfaAnswer;
    }

    static Optional<SandboxUser> of(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String trimmed = username.trim();
        if (trimmed.startsWith(GOOD.username)) {
            return Optional.of(GOOD);
        }
        for (SandboxUser user : values()) {
            if (user.username.equals(trimmed)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}
