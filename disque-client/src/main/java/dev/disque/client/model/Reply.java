/*
 * Reply: a raw RESP2 reply as a tree, for tools that send arbitrary
 * commands (the CLI's dispatch) and for the client's own decoders.
 */
package dev.disque.client.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RESP2 reply: a status, an error, an integer, a bulk string, an array of replies, or nil.
 *
 * <p>Returned by {@code dispatch(command, args...)}, which sends any command as typed and hands back the reply as
 * it came off the wire, errors included (as {@link Error}, not as an exception).
 */
public sealed interface Reply permits Reply.Status, Reply.Error, Reply.Int, Reply.Bulk, Reply.Array, Reply.Nil {

    /** The nil bulk string ({@code $-1}). */
    Nil NIL = new Nil(false);

    /** The nil array ({@code *-1}), as GETJOB sends on timeout and QSTAT for an unknown queue. */
    Nil NIL_ARRAY = new Nil(true);

    /**
     * A status reply ({@code +OK}).
     *
     * @param text the status text without the leading {@code +}
     */
    record Status(String text) implements Reply {
        /** Validates the text. */
        public Status {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An error reply ({@code -ERR ...}).
     *
     * @param message the full error text without the leading {@code -}, code included
     */
    record Error(String message) implements Reply {
        /** Validates the message. */
        public Error {
            Objects.requireNonNull(message, "message");
        }

        /** @return the error code, the first word of the message ({@code ERR}, {@code NOJOB}, ...). */
        public String code() {
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }
    }

    /**
     * An integer reply.
     *
     * @param value the number
     */
    record Int(long value) implements Reply {
    }

    /** A bulk string: binary-safe bytes. */
    final class Bulk implements Reply {
        private final byte[] bytes;

        /**
         * @param bytes the content (copied)
         */
        public Bulk(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        /**
         * @param text the content, encoded as UTF-8
         */
        public Bulk(String text) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        /** @return a copy of the content */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** @return the content decoded as UTF-8 */
        public String asString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** @return the length in bytes */
        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bulk b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bulk[" + asString() + "]";
        }
    }

    /**
     * An array of replies (possibly nested).
     *
     * @param elements the elements, in order
     */
    record Array(List<Reply> elements) implements Reply {
        /** Copies the elements. */
        public Array {
            elements = List.copyOf(elements);
        }

        /** @return the number of elements */
        public int size() {
            return elements.size();
        }

        /**
         * @param index position
         * @return the element at {@code index}
         */
        public Reply get(int index) {
            return elements.get(index);
        }
    }

    /**
     * Nil: the null bulk string or the null array.
     *
     * @param array true for the null array ({@code *-1}), false for the null bulk ({@code $-1})
     */
    record Nil(boolean array) implements Reply {
    }
}
