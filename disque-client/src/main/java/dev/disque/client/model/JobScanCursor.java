package dev.disque.client.model;

import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSCAN step: the next cursor, the job IDs found and, with {@code REPLY ALL}, their full descriptions.
 *
 * @param <K> queue name type
 * @param <V> body type
 */
public class JobScanCursor<K, V> extends ScanCursor {
    private final List<String> ids = new ArrayList<>();
    private final List<JobInfo<K, V>> jobs = new ArrayList<>();

    /** An empty cursor, filled by the client. */
    public JobScanCursor() {
    }

    /** @return the job IDs of this step (always filled) */
    public List<String> getIds() {
        return ids;
    }

    /** @return the job descriptions of this step; empty unless JSCAN asked for {@code REPLY ALL} */
    public List<JobInfo<K, V>> getJobs() {
        return jobs;
    }
}
