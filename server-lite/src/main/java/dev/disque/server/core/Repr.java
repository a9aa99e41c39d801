/*
 * Repr: a byte string as a quoted, escaped, printable literal ("a\r\n\x00"),
 * the way MONITOR and redis-cli show arbitrary bytes.
 */
package dev.disque.server.core;

public final class Repr {
    private Repr() {
    }

    public static String of(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + 2).append('"');
        for (byte x : b) {
            int c = x & 0xff;
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '"': sb.append("\\\""); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case 7: sb.append("\\a"); break;
                case '\b': sb.append("\\b"); break;
                default:
                    if (c >= 32 && c < 127) sb.append((char) c);
                    else sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
