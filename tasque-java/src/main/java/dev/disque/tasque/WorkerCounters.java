/*
 * WorkerCounters: the event counts behind Worker.stats(). LongAdders,
 * because every pool thread bumps them and nobody reads them often.
 */
package dev.disque.tasque;

import java.util.concurrent.atomic.LongAdder;

final class WorkerCounters {
    final LongAdder fetched = new LongAdder();
    final LongAdder started = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder nacked = new LongAdder();

    WorkerStats snapshot(int running) {
        return new WorkerStats(fetched.sum(), started.sum(), succeeded.sum(), failed.sum(), retried.sum(),
                deadLettered.sum(), nacked.sum(), running);
    }
}
