package io.linkport.common;

import java.util.Locale;

/** Sandbox or production: a property of every API key and everything created with it. */
public enum Mode {
    SANDBOX, PRODUCTION;

    /** Lowercase, as seed 000 writes it ({@code "mode":"sandbox"}). */
    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
