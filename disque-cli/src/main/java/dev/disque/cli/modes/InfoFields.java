/*
 * InfoFields: the "name:value" lines of an INFO (or CLUSTER INFO) reply as
 * a map.
 */
package dev.disque.cli.modes;

import dev.disque.cli.net.Reply;
import java.util.HashMap;
import java.util.Map;

public final class InfoFields {
    private InfoFields() {
    }

    public static Map<String, String> parse(Reply r) {
        Map<String, String> m = new HashMap<>();
        if (!(r instanceof Reply.Bulk b)) return m;
        for (String line : b.text().split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) m.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return m;
    }

    public static long number(Map<String, String> m, String key) {
        try {
            return Long.parseLong(m.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
