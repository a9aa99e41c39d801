/*
 * QueueSampler: where `--top` gets its numbers: the QSTAT counters of
 * every queue, from one node (NodeQueueSampler) or summed over every node
 * of a cluster (ClusterQueueSampler). The view only draws; keeping the
 * source behind this interface lets one screen serve both.
 */
package dev.disque.cli.modes;

import java.io.IOException;
import java.util.List;

public interface QueueSampler {
    /** Where the numbers come from, for the title line. */
    String label();

    /** Every queue's counters now; throws when nothing at all could be read. */
    List<TopModel.Stat> sample() throws IOException;

    /** What went partly wrong in the last sample (a node that did not answer), or null. */
    default String warning() {
        return null;
    }
}
