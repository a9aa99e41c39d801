/*
 * JobState: where a job is in its life on this node.
 *
 * wait-repl: created, waiting for the requested number of copies;
 * active: held (delivered or delayed) but not in a queue;
 * queued: in its queue, deliverable by GETJOB;
 * acked: known to be processed, kept only until the ack is garbage collected.
 */
package dev.disque.server.job;

public enum JobState {
    WAIT_REPL("wait-repl"),
    ACTIVE("active"),
    QUEUED("queued"),
    ACKED("acked");

    private final String wireName;
    private final byte[] wireBytes;

    JobState(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The wire name as bytes; callers must not change the array. */
    public byte[] wireBytes() {
        return wireBytes;
    }

    public String wireName() {
        return wireName;
    }

    /** The state for a name as clients write it (case-insensitive), or null. */
    public static JobState fromWireName(String name) {
        for (JobState s : values()) {
            if (s.wireName.equalsIgnoreCase(name)) return s;
        }
        return null;
    }
}
