/*
 * Scheduler: keeps one schedule going on Disque's own guarantees, with no
 * lock and no leader. Each worker that registers a schedule runs one.
 *
 * The schedule's queue, __tasque_schedule__<name>, holds one job: its next
 * occurrence, added with a DELAY until the occurrence is due, its body
 * carrying the schedule's name, the occurrence's due time and the
 * occurrence it was added by ("after"). When it is due, Disque delivers it
 * to one of the workers fetching that queue, which (as the handler of an
 * internal registration, so with heartbeats, retries and a graceful
 * shutdown like any task):
 *
 *   1. looks at the other jobs in the queue (JSCAN, then SHOW): if one is
 *      for the same occurrence with a smaller job ID, this one is a twin
 *      (two workers registered at once) and stops; the smaller one fires
 *   2. submits the task, unless a job added "after" this occurrence exists
 *      (then an earlier delivery of this job got that far already)
 *   3. adds the next occurrence, the first one after both the due time and
 *      now (occurrences missed while no worker ran collapse into this
 *      one), unless a later occurrence is queued already
 *   4. returns, and the job is acknowledged
 *
 * A worker that dies before 4 leaves the job to Disque, which delivers it
 * again after its RETRY (30 s): steps 2 and 3 then see what was done. The
 * one duplicate left: dying between the ADDJOB of 2 and that of 3 submits
 * that occurrence's task twice. Nothing is lost while the occurrence job
 * lives; it is kept 7 days past its due time, and a worker starting with
 * an empty schedule queue starts a new chain.
 *
 * Registration (at start) adds the first occurrence only when the queue
 * has no job at all, in any state (one JSCAN BUSYLOOP, which sees the
 * queue at one moment: a fired occurrence adds its successor before it is
 * acknowledged, so a running chain always shows a job). Two workers starting at the same moment
 * may both add one; occurrences being the same instants on every worker,
 * the two are twins, and step 1 keeps one.
 */
package dev.disque.tasque;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobScanCursor;
import dev.disque.client.model.JobState;
import dev.disque.tasque.json.GoTime;
import dev.disque.tasque.json.JsonException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Scheduler implements Handler {
    private static final System.Logger log = System.getLogger(Worker.class.getName());
    /** How soon Disque delivers an occurrence again when the worker that took it went away. */
    static final long OCCURRENCE_RETRY_SECONDS = 30;
    /** How long an occurrence job outlives its due time when no worker takes it. */
    static final long KEEP_SECONDS = Duration.ofDays(7).toSeconds();

    /** One occurrence job, as read from the queue. */
    record Occurrence(String jobId, Instant due, Instant after) {
    }

    private final Schedule schedule;
    private final Clock clock;
    private final Duration enqueueTimeout;
    private volatile StatefulDisqueConnection<String, String> commands;

    Scheduler(Schedule schedule, Clock clock, Duration enqueueTimeout) {
        this.schedule = schedule;
        this.clock = clock;
        this.enqueueTimeout = enqueueTimeout;
    }

    @Override
    public String name() {
        return schedule.queue();
    }

    /** Registration: starts the chain unless the schedule's queue already has a job. */
    void start(StatefulDisqueConnection<String, String> connection) {
        commands = connection;
        if (!others(null).isEmpty()) {
            log.log(Level.DEBUG, () -> "tasque: schedule " + schedule.id() + " is already running");
            return;
        }
        Instant first = schedule.next(clock.instant());
        String id = addOccurrence(first, null);
        log.log(Level.DEBUG, () -> "tasque: schedule " + schedule.id() + " started: first occurrence " + first + " (" + id + ")");
    }

    /** Fires one occurrence; returning acknowledges its job. */
    @Override
    public void handle(Task occurrence) {
        Instant due = time(occurrence.requireParam("due", String.class));
        List<Occurrence> others = others(occurrence.jobId());
        for (Occurrence o : others) {
            if (o.due().equals(due) && o.jobId().compareTo(occurrence.jobId()) < 0) {
                log.log(Level.DEBUG, () -> "tasque: schedule " + schedule.id() + " occurrence " + due + ": twin of "
                        + o.jobId() + ", which fires it");
                return;
            }
        }
        boolean submitted = others.stream().anyMatch(o -> due.equals(o.after()));
        if (!submitted) submit(due);
        boolean chained = others.stream().anyMatch(o -> o.due().isAfter(due));
        if (!chained) {
            Instant now = clock.instant();
            addOccurrence(schedule.next(now.isAfter(due) ? now : due), due);
        }
    }

    private void submit(Instant due) {
        Task task = schedule.task();
        Instant now = clock.instant();
        SubmitOptions o = SubmitOptions.DEFAULTS;
        if (task.ttl() != null) o = o.withTtl(task.ttl());
        if (task.retry() != null) o = o.withRetry(task.retry());
        String id = commands.sync().addjob(task.queue(), task.encode(now), TasqueClient.addJobArgs(enqueueTimeout, o));
        log.log(Level.DEBUG, () -> "tasque: schedule " + schedule.id() + " occurrence " + due + ": submitted " + id);
    }

    private String addOccurrence(Instant due, Instant after) {
        Instant now = clock.instant();
        long delay = SubmitOptions.seconds(Duration.between(now, due));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("schedule", schedule.id());
        params.put("due", GoTime.format(due.atOffset(ZoneOffset.UTC)));
        if (after != null) params.put("after", GoTime.format(after.atOffset(ZoneOffset.UTC)));
        String body = TaskCodec.encode(schedule.queue(), params, false, now.atOffset(ZoneOffset.UTC), TaskMeta.NONE);
        AddJobArgs args = new AddJobArgs().timeout(enqueueTimeout).retry(OCCURRENCE_RETRY_SECONDS)
                .ttl(delay + KEEP_SECONDS);
        if (delay > 0) args.delay(delay);
        return commands.sync().addjob(schedule.queue(), body, args);
    }

    /**
     * The schedule's other jobs that are not acknowledged, read in one JSCAN BUSYLOOP REPLY ALL: the server is
     * single-threaded, so this is the queue at one moment, bodies included. A scan in steps, or SHOWs after it, could
     * miss an occurrence being acknowledged and the successor it added just before, and see no chain.
     */
    private List<Occurrence> others(String self) {
        List<Occurrence> out = new ArrayList<>();
        JScanArgs args = new JScanArgs().queue(schedule.queue()).busyloop().replyAll();
        JobScanCursor<String, String> cursor = commands.sync().jscan(args);
        while (true) {
            for (JobInfo<String, String> info : cursor.getJobs()) {
                if (info.id().equals(self) || info.state() == JobState.ACKED) continue;
                try {
                    Task t = TaskCodec.decode(info.body());
                    String after = t.param("after", String.class);
                    out.add(new Occurrence(info.id(), time(t.requireParam("due", String.class)),
                            after == null ? null : time(after)));
                } catch (JsonException | TaskParamException e) {
                    log.log(Level.WARNING, "tasque: schedule " + schedule.id() + ": ignoring job " + info.id()
                            + ", which is not an occurrence: " + e.getMessage());
                }
            }
            if (cursor.isFinished()) return out;
            cursor = commands.sync().jscan(cursor, args);
        }
    }

    private static Instant time(String rfc3339) {
        return GoTime.parse(rfc3339).toInstant();
    }

    @Override
    public String toString() {
        return "Scheduler[" + schedule + "]";
    }
}
