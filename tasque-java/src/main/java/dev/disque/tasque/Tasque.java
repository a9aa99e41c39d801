/*
 * Tasque: the names shared with Go tasque (queue prefix) and our own
 * dead-letter prefix, in one place.
 */
package dev.disque.tasque;

/** Queue naming: {@code __tasque__<name>} for tasks (as Go tasque) and {@code __tasque_dead__<name>} for dead ones. */
public final class Tasque {
    /** Prefix of a task queue, the same as Go tasque's. */
    public static final String QUEUE_PREFIX = "__tasque__";
    /** Prefix of a dead-letter queue (Java only; Go tasque never reads it). */
    public static final String DEAD_PREFIX = "__tasque_dead__";

    /** Prefix of a worker's wake-up queue (see Shutdown); Java only, one per running worker, empty but at close. */
    static final String WAKE_PREFIX = "__tasque_wake__";

    /** Prefix of a schedule's queue, which holds its next occurrence job (see Scheduler); Java only. */
    static final String SCHEDULE_PREFIX = "__tasque_schedule__";

    private Tasque() {
    }

    /**
     * @param taskName a task (handler) name
     * @return the queue its tasks go to
     */
    public static String queueName(String taskName) {
        return QUEUE_PREFIX + taskName;
    }

    /**
     * @param taskName a task (handler) name
     * @return the queue its dead tasks go to
     */
    public static String deadQueueName(String taskName) {
        return DEAD_PREFIX + taskName;
    }

    /**
     * @param queue a queue name
     * @return the task name of a task queue or dead-letter queue, or null for any other queue
     */
    public static String taskName(String queue) {
        if (queue == null) return null;
        if (queue.startsWith(DEAD_PREFIX)) return queue.substring(DEAD_PREFIX.length());
        if (queue.startsWith(QUEUE_PREFIX)) return queue.substring(QUEUE_PREFIX.length());
        return null;
    }

    static String requireName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a task name must not be empty");
        return name;
    }
}
