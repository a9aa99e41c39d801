/*
 * Reply: one RESP reply as the CLI sees it. Like hiredis, a null bulk
 * ($-1) and a null array (*-1) are both Nil.
 */
package dev.disque.cli.net;

import java.nio.charset.StandardCharsets;
import java.util.List;

public sealed interface Reply {
    /** A status line (+OK, +PONG, +D-... for ADDJOB). */
    record Status(String text) implements Reply {
    }

    /** An error line, without the leading '-'. */
    record Error(String text) implements Reply {
    }

    record Int(long value) implements Reply {
    }

    /** A bulk string, as the bytes the server sent. */
    record Bulk(byte[] data) implements Reply {
        public static Bulk of(String s) {
            return new Bulk(s.getBytes(StandardCharsets.UTF_8));
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    record Multi(List<Reply> items) implements Reply {
        public Multi {
            items = List.copyOf(items);
        }
    }

    /** $-1 or *-1. */
    record Nil() implements Reply {
    }

    Nil NIL = new Nil();

    default boolean isError() {
        return this instanceof Error;
    }

    /** The reply as plain text: status, error, bulk or integer; null otherwise. */
    default String asText() {
        if (this instanceof Status s) return s.text();
        if (this instanceof Error e) return e.text();
        if (this instanceof Bulk b) return b.text();
        if (this instanceof Int i) return Long.toString(i.value());
        return null;
    }
}
