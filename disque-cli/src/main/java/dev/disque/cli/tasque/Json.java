/*
 * Json: the small JSON reader the tasque views need to look into task
 * bodies (Name, Params, Meta) without depending on tasque-java. Objects
 * become LinkedHashMaps (key order kept), arrays Lists, numbers Doubles
 * (or Longs when integral), and the raw text of each top-level value is
 * kept, so Params can be shown and written back exactly as they were.
 */
package dev.disque.cli.tasque;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Json {
    /** A top-level JSON object: its values and the raw text of each. */
    record Doc(Map<String, Object> values, Map<String, String> raw) {
        /** Go's encoding/json field match: equal ignoring case, the last match wins. */
        Object get(String key) {
            Object found = null;
            for (Map.Entry<String, Object> e : values.entrySet()) if (e.getKey().equalsIgnoreCase(key)) found = e.getValue();
            return found;
        }

        String rawOf(String key) {
            String found = null;
            for (Map.Entry<String, String> e : raw.entrySet()) if (e.getKey().equalsIgnoreCase(key)) found = e.getValue();
            return found;
        }
    }

    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message);
        }
    }

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** Parses a JSON object; throws Bad if the text is not one. */
    static Doc object(String text) {
        Json p = new Json(text);
        p.ws();
        if (p.i >= text.length() || text.charAt(p.i) != '{') throw new Bad("not a JSON object");
        p.i++;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        p.ws();
        if (p.peek() == '}') {
            p.i++;
        } else {
            while (true) {
                p.ws();
                String key = p.string();
                p.ws();
                p.expect(':');
                p.ws();
                int start = p.i;
                values.put(key, p.value());
                raw.put(key, text.substring(start, p.i));
                p.ws();
                if (p.peek() == ',') {
                    p.i++;
                    continue;
                }
                p.expect('}');
                break;
            }
        }
        p.ws();
        if (p.i != text.length()) throw new Bad("text after the JSON object");
        return new Doc(values, raw);
    }

    private char peek() {
        if (i >= s.length()) throw new Bad("unexpected end of JSON");
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) throw new Bad("expected '" + c + "' at " + i);
        i++;
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{': {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    ws();
                    m.put(k, value());
                    ws();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            case '[': {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek() == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                return number();
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) throw new Bad("bad JSON literal at " + i);
        i += w.length();
    }

    private Object number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String n = s.substring(start, i);
        if (n.isEmpty()) throw new Bad("unexpected '" + peek() + "' at " + start);
        try {
            if (n.matches("-?[0-9]{1,18}")) return Long.parseLong(n);
            return Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw new Bad("bad number " + n);
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = peek();
            i++;
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = peek();
            i++;
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    if (i + 4 > s.length()) throw new Bad("bad \\u escape");
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw new Bad("bad \\u escape");
                    }
                    i += 4;
                    break;
                default: b.append(e);
            }
        }
    }
}
