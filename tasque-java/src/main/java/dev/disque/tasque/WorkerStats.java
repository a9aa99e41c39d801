package dev.disque.tasque;

/**
 * Counters of a {@link Worker} since it started. Each is counted after the listeners saw the event.
 *
 * @param fetched jobs received from the server
 * @param started handler calls started
 * @param succeeded handler calls that succeeded (and were acknowledged)
 * @param failed handler calls that failed
 * @param retried failed tasks retried (NACK or delayed re-add)
 * @param deadLettered tasks moved to a dead-letter queue
 * @param nacked jobs NACKed without a failure (never started at shutdown, or interrupted by it)
 * @param running handlers running now
 */
public record WorkerStats(long fetched, long started, long succeeded, long failed, long retried, long deadLettered,
        long nacked, int running) {
}
