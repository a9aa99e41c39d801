/*
 * AofFormatException: a record of the append-only file that cannot be
 * understood. The loader adds the byte offset where the record starts.
 */
package dev.disque.server.persist;

public final class AofFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public AofFormatException(String message) {
        this(message, -1);
    }

    public AofFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Where the bad record starts in the file, or -1 when unknown. */
    public long offset() {
        return offset;
    }
}
