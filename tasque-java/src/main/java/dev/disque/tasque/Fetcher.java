/*
 * Fetcher: the worker's one fetch thread (Sidekiq's "fetch" and the
 * dispatching half of its "manager").
 *
 * It reserves free slots, asks GETJOB ... COUNT <reserved> WITHCOUNTERS
 * FROM <queues> with a server-side TIMEOUT, so the pool is never
 * over-filled and an idle worker waits on the server rather than polling,
 * and hands each job to a Processor on the pool. A handler at its own
 * limit is left out of the fetch; then the fetch does not block (NOHANG)
 * and is tried again when a slot frees. Errors back off (100 ms doubling
 * to 5 s) and reopen a closed fetch connection; nothing ends the loop but
 * stopping. The worker's wake queue is fetched too: Shutdown adds a job
 * there to end a blocked GETJOB, and the fetcher leaves that job alone.
 */
package dev.disque.tasque;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

final class Fetcher implements Runnable {
    private static final System.Logger log = System.getLogger(Worker.class.getName());
    /** How often a fetch that leaves a handler out (at its limit) polls the other queues. */
    private static final long PARTIAL_POLL_MILLIS = 200;

    private final WorkerCore core;

    Fetcher(WorkerCore core) {
        this.core = core;
    }

    @Override
    public void run() {
        while (core.isRunning()) {
            try {
                fetchUntilStopped();
                return;
            } catch (Throwable t) {
                // Never let the worker stop fetching silently.
                log.log(Level.ERROR, "tasque: unexpected error in the fetch loop; going on", t);
                try {
                    if (core.slots.awaitStop(1000)) return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void fetchUntilStopped() {
        Slots slots = core.slots;
        long backoffMs = 0;
        while (true) {
            Slots.Reservation r;
            try {
                r = slots.reserve();
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) return;
            List<Job<String, String>> jobs;
            try {
                GetJobArgs args = new GetJobArgs().count(r.count()).withCounters();
                // A handler at its limit is left out of the fetch. Blocking on the others would keep it waiting
                // after it frees a slot, so in that case only take what is there, and try again when a slot frees
                // (or after a short while, for new jobs on the other queues).
                if (r.partial()) args.nohang();
                else args.timeout(core.settings.fetchTimeout());
                jobs = core.fetchConnection().sync().getjob(args, withWakeQueue(r.queues()));
                backoffMs = 0;
                if (r.partial() && jobs.isEmpty()) {
                    slots.cancel(r);
                    try {
                        if (slots.awaitRelease(r, PARTIAL_POLL_MILLIS)) return;
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            } catch (RuntimeException e) {
                slots.cancel(r);
                if (!core.isRunning()) return;
                log.log(Level.WARNING, "tasque: fetching jobs failed: " + e);
                core.fire(l -> l.fetchFailed(e));
                backoffMs = backoffMs == 0 ? 100 : Math.min(backoffMs * 2, 5000);
                try {
                    if (slots.awaitStop(backoffMs)) return;
                } catch (InterruptedException ie) {
                    return;
                }
                reconnectIfClosed();
                continue;
            }
            dispatch(r, jobs);
        }
    }

    /** The wake queue first: it is empty but at close, so it never holds back a task queue. */
    private String[] withWakeQueue(String[] queues) {
        String[] all = new String[queues.length + 1];
        all[0] = core.wakeQueue;
        System.arraycopy(queues, 0, all, 1, queues.length);
        return all;
    }

    private void reconnectIfClosed() {
        if (core.fetchConnection().isOpen() || !core.isRunning()) return;
        try {
            StatefulDisqueConnection<String, String> c = core.disque.connect();
            if (!core.replaceFetchConnection(c)) c.close();
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, () -> "tasque: reconnecting failed: " + e);
        }
    }

    private void dispatch(Slots.Reservation r, List<Job<String, String>> jobs) {
        List<Registration> taken = new ArrayList<>(jobs.size());
        for (Job<String, String> j : jobs) taken.add(core.byQueue.get(j.queue()));
        core.slots.commit(r, taken);
        core.counters.fetched.add(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            Job<String, String> job = jobs.get(i);
            Registration reg = taken.get(i);
            if (job.queue().equals(core.wakeQueue)) {
                // Shutdown's wake-up call: it deletes the job itself once this thread is gone.
                core.slots.release(null);
                continue;
            }
            if (reg == null || !core.isRunning()) {
                // Not ours to run (cannot happen: we only fetch our queues), or fetched while stopping.
                core.nackQuietly(job.id());
                core.counters.nacked.increment();
                core.slots.release(reg);
                continue;
            }
            Processor run = new Processor(core, reg, job);
            core.runs.add(run);
            try {
                core.pool.execute(run);
            } catch (RejectedExecutionException e) {
                if (run.abandon()) {
                    core.nackQuietly(job.id());
                    core.counters.nacked.increment();
                }
            }
        }
    }
}
