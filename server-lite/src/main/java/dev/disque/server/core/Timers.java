/*
 * Timers: everything that happens because time passed.
 *
 * Jobs are processed in awake order (expiry, delayed first queueing,
 * retry requeue, ack GC), blocked GETJOBs time out, and the periodic cron
 * collects idle queues and clients, relieves memory pressure and samples
 * the rates. All of it reads the injected Clock, so a test can move time
 * and call tick() instead of sleeping.
 */
package dev.disque.server.core;

import dev.disque.server.job.Job;
import dev.disque.server.queue.Queue;
import dev.disque.server.queue.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Timers {
    private static final Logger log = LoggerFactory.getLogger(Timers.class);
    private static final int MAX_JOBS_PER_RUN = 10_000;

    private final Engine engine;

    public Timers(Engine engine) {
        this.engine = engine;
    }

    /** Processes every job whose awake time has come; returns ms until the next one (1..100). */
    public long processJobs() {
        long now = engine.clock().millis();
        long start = System.nanoTime();
        int processed = 0;
        Job j;
        while (processed < MAX_JOBS_PER_RUN && (j = engine.registry().nextToAwake()) != null && j.awakeme() <= now) {
            processed++;
            long before = j.awakeme();
            engine.jobs().process(j, now);
            if (engine.registry().holds(j) && j.awakeme() <= now && j.awakeme() == before) {
                // Nothing moved it forward: look again later rather than spin.
                log.warn("Job {} not processable (state {}), retrying in 1s", j.id(), j.state());
                engine.registry().setAwakeTime(j, now + 1000);
            }
        }
        if (processed > 0) engine.latency().record("expire-cycle", (System.nanoTime() - start) / 1_000_000);
        engine.serveBlocked();
        Job next = engine.registry().nextToAwake();
        if (next == null) return 100;
        return Math.max(1, Math.min(100, next.awakeme() - now));
    }

    /** The periodic housekeeping, run hz times a second. */
    public void cron() {
        engine.expireBlocked();
        engine.clientPause().endIfOver();
        engine.closeIdleClients();
        engine.refreshClientMemory();
        int level = engine.memoryWarningLevel();
        long maxIdle = level >= 2 ? 2 : level == 1 ? Queues.MAX_IDLE_SECONDS / 30 : Queues.MAX_IDLE_SECONDS;
        engine.queues().evictIdle(maxIdle);
        engine.freeMemoryIfNeeded();
        engine.aof().maybeAutoRewrite();
        engine.memory().updatePeak(engine.usedMemory());
        engine.stats().sample(engine.clock().millis());
    }

    /** Runs everything due now: what a test calls after moving the clock. */
    public void tick() {
        processJobs();
        cron();
        engine.serveBlocked();
    }
}
