package dev.disque.client.model;

import java.util.Objects;

/**
 * A job as GETJOB and QPEEK return it.
 *
 * @param queue the queue it came from
 * @param id the job ID ({@code D-<node>-<random>-<ttl>})
 * @param body the job body
 * @param nacks how many times it was negatively acknowledged, or -1 when not asked for (GETJOB WITHCOUNTERS)
 * @param additionalDeliveries how many times it was delivered again after a timeout, or -1 when not asked for
 * @param <K> queue name type
 * @param <V> body type
 */
public record Job<K, V>(K queue, String id, V body, long nacks, long additionalDeliveries) {

    /** Validates the ID. */
    public Job {
        Objects.requireNonNull(id, "id");
    }

    /**
     * A job without counters.
     *
     * @param queue the queue
     * @param id the job ID
     * @param body the body
     */
    public Job(K queue, String id, V body) {
        this(queue, id, body, -1, -1);
    }

    /** @return true if the counters were requested and are set */
    public boolean hasCounters() {
        return nacks >= 0;
    }

    /**
     * The first 8 characters of the ID of the node that created the job, as the job ID carries them.
     *
     * @return the node prefix, or null if the ID is not in Disque's format
     */
    public String nodePrefix() {
        return nodePrefix(id);
    }

    /**
     * @param jobId a job ID
     * @return the 8 characters of the creating node's ID in it, or null if the ID is not in Disque's format
     */
    public static String nodePrefix(String jobId) {
        if (jobId == null || jobId.length() != 40 || !jobId.startsWith("D-") || jobId.charAt(10) != '-') return null;
        return jobId.substring(2, 10);
    }
}
