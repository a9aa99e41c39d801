package dev.disque.client.model;

/** The pause state of a queue, as PAUSE and QSTAT report it. */
public enum PauseState {
    /** Not paused. */
    NONE("none"),
    /** Paused for input: ADDJOB to it fails with PAUSED. */
    IN("in"),
    /** Paused for output: GETJOB does not deliver from it. */
    OUT("out"),
    /** Paused both ways. */
    ALL("all");

    private final String wireName;

    PauseState(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire */
    public String wireName() {
        return wireName;
    }

    /**
     * @param name a wire name ({@code in}, {@code out}, {@code all}, {@code none})
     * @return the state
     * @throws IllegalArgumentException for any other name
     */
    public static PauseState fromWireName(String name) {
        for (PauseState s : values()) {
            if (s.wireName.equalsIgnoreCase(name)) return s;
        }
        throw new IllegalArgumentException("unknown pause state: " + name);
    }
}
