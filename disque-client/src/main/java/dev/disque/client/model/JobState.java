package dev.disque.client.model;

/** The state of a job on a node, as SHOW and JSCAN name it. */
public enum JobState {
    /** Waiting for the requested replication level. */
    WAIT_REPL("wait-repl"),
    /** Replicated, not in a queue (delivered, or delayed). */
    ACTIVE("active"),
    /** In its queue, waiting for a consumer. */
    QUEUED("queued"),
    /** Acknowledged; about to be garbage collected. */
    ACKED("acked"),
    /** A state this client does not know. */
    UNKNOWN("unknown");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire ({@code wait-repl}, {@code queued}, ...) */
    public String wireName() {
        return wireName;
    }

    /**
     * @param name a wire name
     * @return the state, or {@link #UNKNOWN}
     */
    public static JobState fromWireName(String name) {
        for (JobState s : values()) {
            if (s.wireName.equalsIgnoreCase(name)) return s;
        }
        return UNKNOWN;
    }
}
