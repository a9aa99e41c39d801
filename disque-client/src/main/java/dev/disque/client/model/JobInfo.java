package dev.disque.client.model;

import java.util.List;

/**
 * The description of a job, as SHOW (and JSCAN REPLY ALL) return it.
 *
 * @param id the job ID
 * @param queue the queue name
 * @param state the job's state on this node
 * @param replicate the requested replication level
 * @param ttl seconds left before the job expires
 * @param ctime the creation time, as the server reports it (unix time with a unique counter)
 * @param delay the initial delay in seconds
 * @param retry the retry period in seconds
 * @param nacks negative acknowledgements so far
 * @param additionalDeliveries deliveries after the first one, for timeouts
 * @param nodesDelivered IDs of the nodes that may hold a copy
 * @param nodesConfirmed IDs of the nodes that confirmed their copy
 * @param nextRequeueWithin milliseconds before the job is queued again, or null if not scheduled
 * @param nextAwakeWithin milliseconds before the server looks at the job again, or null
 * @param body the body
 * @param <K> queue name type
 * @param <V> body type
 */
public record JobInfo<K, V>(String id, K queue, JobState state, long replicate, long ttl, long ctime, long delay,
        long retry, long nacks, long additionalDeliveries, List<String> nodesDelivered, List<String> nodesConfirmed,
        Long nextRequeueWithin, Long nextAwakeWithin, V body) {

    /** Copies the lists. */
    public JobInfo {
        nodesDelivered = List.copyOf(nodesDelivered);
        nodesConfirmed = List.copyOf(nodesConfirmed);
    }
}
