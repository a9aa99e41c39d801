/*
 * ArgSplitter: splits a typed line into arguments the way redis-cli does:
 * spaces separate; "double quotes" understand \n \r \t \b \a \\ \" and
 * \xHH; 'single quotes' only \'; a closing quote must be followed by a
 * space or the end of the line. Returns null for unbalanced quotes.
 */
package dev.disque.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class ArgSplitter {
    private ArgSplitter() {
    }

    public static List<byte[]> split(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return split(b, 0, b.length);
    }

    public static List<byte[]> split(byte[] b, int from, int to) {
        List<byte[]> args = new ArrayList<>();
        int p = from;
        while (true) {
            while (p < to && isSpace(b[p])) p++;
            if (p >= to) return args;
            ByteArrayOutputStream cur = new ByteArrayOutputStream();
            int quote = 0;
            while (true) {
                if (p >= to) {
                    if (quote != 0) return null;
                    break;
                }
                byte c = b[p];
                if (quote == '"') {
                    if (c == '\\' && p + 3 < to && b[p + 1] == 'x' && hex(b[p + 2]) >= 0 && hex(b[p + 3]) >= 0) {
                        cur.write(hex(b[p + 2]) * 16 + hex(b[p + 3]));
                        p += 4;
                    } else if (c == '\\' && p + 1 < to) {
                        cur.write(unescape(b[p + 1]));
                        p += 2;
                    } else if (c == '"') {
                        p++;
                        if (p < to && !isSpace(b[p])) return null;
                        quote = 0;
                        break;
                    } else {
                        cur.write(c);
                        p++;
                    }
                } else if (quote == '\'') {
                    if (c == '\\' && p + 1 < to && b[p + 1] == '\'') {
                        cur.write('\'');
                        p += 2;
                    } else if (c == '\'') {
                        p++;
                        if (p < to && !isSpace(b[p])) return null;
                        quote = 0;
                        break;
                    } else {
                        cur.write(c);
                        p++;
                    }
                } else if (isSpace(c)) {
                    break;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    p++;
                } else {
                    cur.write(c);
                    p++;
                }
            }
            args.add(cur.toByteArray());
        }
    }

    private static int unescape(byte e) {
        switch (e) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'b': return '\b';
            case 'a': return 7;
            default: return e;
        }
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Quotes an argument so that split() gives it back (for history and messages). */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().noneMatch(ch -> ch <= ' ' || ch == '"' || ch == '\'' || ch == '\\')) return s;
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch == '\n') sb.append("\\n");
            else if (ch == '\r') sb.append("\\r");
            else if (ch == '\t') sb.append("\\t");
            else sb.append(ch);
        }
        return sb.append('"').toString();
    }
}
