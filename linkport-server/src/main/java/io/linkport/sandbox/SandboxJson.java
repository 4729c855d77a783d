package io.linkport.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered JSON objects for generated data, so answers read in a sensible field order. */
final class SandboxJson {

    private SandboxJson() {
    }

    /** An object from key/value pairs; null values are left out. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
