package dev.disque.tasque;

/** Why a task went to its dead-letter queue. Written as {@link #wire()} in the body's Meta.DeadReason. */
public enum DeadReason {
    /** It failed on its last allowed attempt. */
    MAX_ATTEMPTS("max-attempts"),
    /** The handler threw a {@link NonRetryableException}, the retry policy said so, or the job is at-most-once (RETRY 0). */
    NON_RETRYABLE("non-retryable"),
    /** The job body is not a tasque task (bad JSON, no Name, wrong types). */
    UNDECODABLE("undecodable"),
    /** No handler is registered for the task's name on the worker that received it. */
    UNKNOWN_HANDLER("unknown-handler"),
    /** Its TTL would run out before the next retry could be delivered. */
    EXPIRING("expiring");

    private final String wire;

    DeadReason(String wire) {
        this.wire = wire;
    }

    /** @return the text in the body */
    public String wire() {
        return wire;
    }

    /**
     * @param wire a Meta.DeadReason text
     * @return the reason, or null if unknown
     */
    public static DeadReason fromWire(String wire) {
        for (DeadReason r : values()) {
            if (r.wire.equals(wire)) return r;
        }
        return null;
    }
}
