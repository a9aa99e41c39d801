/*
 * InfoReply: parses an INFO bulk reply into its sections and fields, so
 * tests can check section order and read counters by name.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class InfoReply {
    /** Section titles in reply order ("Server", "Clients", ...). */
    final List<String> sections = new ArrayList<>();
    /** Field names per section, in reply order. */
    final Map<String, List<String>> fieldsBySection = new LinkedHashMap<>();
    /** Every field of every section. */
    final Map<String, String> fields = new LinkedHashMap<>();

    private InfoReply() {
    }

    static InfoReply parse(Object reply) {
        assertTrue(reply instanceof String, () -> "INFO should reply a bulk string, got " + reply);
        String text = (String) reply;
        InfoReply info = new InfoReply();
        if (text.isEmpty()) return info;
        assertTrue(text.endsWith("\r\n"), "INFO text ends with CRLF");
        // Sections are separated by one blank line; every line ends in CRLF.
        for (String block : text.split("\r\n\r\n", -1)) {
            String[] lines = block.split("\r\n", -1);
            assertTrue(lines[0].startsWith("# "), () -> "section header expected, got '" + lines[0] + "'");
            String title = lines[0].substring(2);
            info.sections.add(title);
            List<String> names = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) continue;
                int colon = lines[i].indexOf(':');
                assertTrue(colon > 0, "field line has a colon: " + lines[i]);
                names.add(lines[i].substring(0, colon));
                info.fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
            info.fieldsBySection.put(title, names);
        }
        return info;
    }

    String get(String field) {
        String v = fields.get(field);
        assertNotNull(v, () -> "INFO has no field " + field + " in " + fields.keySet());
        return v;
    }

    long getLong(String field) {
        return Long.parseLong(get(field));
    }
}
