/*
 * ReplyRenderer: turns a reply into the bytes the CLI prints.
 *
 * TTY is redis-cli's terminal format ("string" quoted with escapes,
 * (integer) 5, (nil), (empty list or set), (error) ..., nested arrays
 * numbered with the same indentation), optionally coloured with Jansi's
 * ANSI builder: errors red, integers and nil dimmed. RAW prints values as
 * they are (array items separated by the -d delimiter), CSV and JSON
 * render any reply tree on one line. Every format ends with a newline.
 * The reply to a text-block command (see TextBlocks) is printed as the
 * text it is, in every format, as redis-cli does.
 */
package dev.disque.cli.render;

import dev.disque.cli.net.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.fusesource.jansi.Ansi;

public final class ReplyRenderer {
    public enum Format { TTY, RAW, CSV, JSON }

    private final Format format;
    private final boolean colour;
    private final byte[] delimiter;

    public ReplyRenderer(Format format, boolean colour, String delimiter) {
        this.format = format;
        this.colour = colour && format == Format.TTY;
        this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
    }

    public ReplyRenderer(Format format, boolean colour) {
        this(format, colour, "\n");
    }

    public Format format() {
        return format;
    }

    public boolean colour() {
        return colour;
    }

    public byte[] render(Reply r) {
        return render(r, false);
    }

    /**
     * Renders a reply; with {@code textBlock} (the command was INFO, CLIENT
     * LIST ...), a string reply is written as it is, ending with a newline.
     * Other replies to such commands (an error, nil) keep the usual format.
     */
    public byte[] render(Reply r, boolean textBlock) {
        Out out = new Out();
        if (textBlock && (r instanceof Reply.Bulk || r instanceof Reply.Status)) {
            byte[] data = r instanceof Reply.Bulk b ? b.data() : ((Reply.Status) r).text().getBytes(StandardCharsets.UTF_8);
            out.write(data);
            if (data.length == 0 || data[data.length - 1] != '\n') out.text("\n");
            return out.toByteArray();
        }
        switch (format) {
            case TTY:
                tty(out, r, "");
                break;
            case RAW:
                raw(out, r);
                out.text("\n");
                break;
            case CSV:
                csv(out, r);
                out.text("\n");
                break;
            default:
                json(out, r);
                out.text("\n");
                break;
        }
        return out.toByteArray();
    }

    public String renderText(Reply r) {
        return renderText(r, false);
    }

    public String renderText(Reply r, boolean textBlock) {
        return new String(render(r, textBlock), StandardCharsets.UTF_8);
    }

    // ---- tty ----

    private void tty(Out out, Reply r, String prefix) {
        if (r instanceof Reply.Error e) {
            out.text(red("(error) " + e.text())).text("\n");
        } else if (r instanceof Reply.Status s) {
            out.text(s.text()).text("\n");
        } else if (r instanceof Reply.Int i) {
            out.text(dim("(integer) " + i.value())).text("\n");
        } else if (r instanceof Reply.Bulk b) {
            out.text(repr(b.data())).text("\n");
        } else if (r instanceof Reply.Nil) {
            out.text(dim("(nil)")).text("\n");
        } else if (r instanceof Reply.Multi m) {
            int n = m.items().size();
            if (n == 0) {
                out.text(dim("(empty list or set)")).text("\n");
                return;
            }
            int width = Integer.toString(n).length();
            String inner = prefix + " ".repeat(width + 2);
            for (int i = 0; i < n; i++) {
                if (i > 0) out.text(prefix);
                String idx = Integer.toString(i + 1);
                out.text(" ".repeat(width - idx.length())).text(idx).text(") ");
                tty(out, m.items().get(i), inner);
            }
        }
    }

    private String red(String s) {
        return colour ? Ansi.ansi().fgRed().a(s).reset().toString() : s;
    }

    private String dim(String s) {
        return colour ? Ansi.ansi().a(Ansi.Attribute.INTENSITY_FAINT).a(s).reset().toString() : s;
    }

    /** "quoted" with C escapes, as redis-cli shows a bulk string; non-printable bytes become \xHH. */
    public static String repr(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length + 2).append('"');
        for (byte x : data) {
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
                    if (c >= 0x20 && c < 0x7f) sb.append((char) c);
                    else sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }

    // ---- raw ----

    private void raw(Out out, Reply r) {
        if (r instanceof Reply.Error e) {
            out.text(e.text());
        } else if (r instanceof Reply.Status s) {
            out.text(s.text());
        } else if (r instanceof Reply.Int i) {
            out.text(Long.toString(i.value()));
        } else if (r instanceof Reply.Bulk b) {
            out.write(b.data());
        } else if (r instanceof Reply.Multi m) {
            for (int i = 0; i < m.items().size(); i++) {
                if (i > 0) out.write(delimiter);
                raw(out, m.items().get(i));
            }
        }
        // Nil prints nothing.
    }

    // ---- csv ----

    private void csv(Out out, Reply r) {
        if (r instanceof Reply.Error e) {
            out.text("ERROR,").text(repr(e.text().getBytes(StandardCharsets.UTF_8)));
        } else if (r instanceof Reply.Status s) {
            out.text(repr(s.text().getBytes(StandardCharsets.UTF_8)));
        } else if (r instanceof Reply.Int i) {
            out.text(Long.toString(i.value()));
        } else if (r instanceof Reply.Bulk b) {
            out.text(repr(b.data()));
        } else if (r instanceof Reply.Nil) {
            out.text("NULL");
        } else if (r instanceof Reply.Multi m) {
            for (int i = 0; i < m.items().size(); i++) {
                if (i > 0) out.text(",");
                csv(out, m.items().get(i));
            }
        }
    }

    // ---- json ----

    private void json(Out out, Reply r) {
        if (r instanceof Reply.Error e) {
            out.text("{\"error\":").text(jsonString(e.text())).text("}");
        } else if (r instanceof Reply.Status s) {
            out.text(jsonString(s.text()));
        } else if (r instanceof Reply.Int i) {
            out.text(Long.toString(i.value()));
        } else if (r instanceof Reply.Bulk b) {
            out.text(jsonString(b.text()));
        } else if (r instanceof Reply.Nil) {
            out.text("null");
        } else if (r instanceof Reply.Multi m) {
            out.text("[");
            for (int i = 0; i < m.items().size(); i++) {
                if (i > 0) out.text(",");
                json(out, m.items().get(i));
            }
            out.text("]");
        }
    }

    public static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static final class Out extends ByteArrayOutputStream {
        Out text(String s) {
            write(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }
    }
}
