package dev.disque.client.model;

import java.util.List;

/**
 * Queue statistics, as QSTAT returns them.
 *
 * @param name the queue name
 * @param len jobs in the queue
 * @param age seconds since the queue was created
 * @param idle seconds since the queue was last used
 * @param blocked clients blocked on it in GETJOB
 * @param importFrom IDs of the nodes it imports jobs from (federation)
 * @param importRate jobs imported per second
 * @param jobsIn jobs queued so far
 * @param jobsOut jobs delivered so far
 * @param pause the pause state
 * @param <K> queue name type
 */
public record QueueStat<K>(K name, long len, long age, long idle, long blocked, List<String> importFrom,
        long importRate, long jobsIn, long jobsOut, PauseState pause) {

    /** Copies the list. */
    public QueueStat {
        importFrom = List.copyOf(importFrom);
    }
}
