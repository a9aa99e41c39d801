/*
 * ArgSplitter: splits a line into arguments the way redis-cli, inline
 * commands and config files do: whitespace separates, "double quotes" take
 * \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \'. A closing
 * quote must be followed by whitespace or the end of the line.
 */
package dev.disque.server.core;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

public final class ArgSplitter {
    private ArgSplitter() {
    }

    /** The arguments, or null if the quotes are unbalanced. */
    public static List<byte[]> split(byte[] line, int from, int to) {
        List<byte[]> args = new ArrayList<>();
        int p = from;
        while (true) {
            while (p < to && isSpace(line[p])) p++;
            if (p >= to) return args;
            ByteArrayOutputStream cur = new ByteArrayOutputStream();
            boolean inDouble = false, inSingle = false, done = false;
            while (!done) {
                if (inDouble) {
                    if (p >= to) return null;
                    byte c = line[p];
                    if (c == '\\' && p + 3 < to && line[p + 1] == 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
                        cur.write(hexValue(line[p + 2]) * 16 + hexValue(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && p + 1 < to) {
                        p++;
                        byte e = line[p];
                        switch (e) {
                            case 'n': cur.write('\n'); break;
                            case 'r': cur.write('\r'); break;
                            case 't': cur.write('\t'); break;
                            case 'b': cur.write('\b'); break;
                            case 'a': cur.write(7); break;
                            default: cur.write(e); break;
                        }
                    } else if (c == '"') {
                        if (p + 1 < to && !isSpace(line[p + 1])) return null;
                        done = true;
                    } else {
                        cur.write(c);
                    }
                } else if (inSingle) {
                    if (p >= to) return null;
                    byte c = line[p];
                    if (c == '\\' && p + 1 < to && line[p + 1] == '\'') {
                        p++;
                        cur.write('\'');
                    } else if (c == '\'') {
                        if (p + 1 < to && !isSpace(line[p + 1])) return null;
                        done = true;
                    } else {
                        cur.write(c);
                    }
                } else {
                    if (p >= to) {
                        done = true;
                        continue;
                    }
                    byte c = line[p];
                    if (isSpace(c)) {
                        done = true;
                    } else if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        cur.write(c);
                    }
                }
                if (p < to) p++;
            }
            args.add(cur.toByteArray());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    }
}
