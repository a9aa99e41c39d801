/*
 * JobScan: how a rewrite walks the node's jobs, a part at a time (the job
 * registry's scan), without holding the registry or the engine. Returns the
 * cursor to continue from, 0 once every job was visited.
 */
package dev.disque.server.persist;

import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import java.util.function.BiConsumer;

@FunctionalInterface
public interface JobScan {
    long scan(long cursor, BiConsumer<JobId, Job> visitor);
}
