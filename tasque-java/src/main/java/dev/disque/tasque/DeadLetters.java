/*
 * DeadLetters: dead tasks are ordinary Disque jobs in __tasque_dead__<name>
 * queues that nobody fetches; they are looked at with QPEEK/SHOW, put back
 * with ADDJOB + DELJOB and purged with DELJOB. Their body is the task's
 * own (Name, Params, EnqueueTime) with the attempt count, the reason, the
 * last error and its stack trace in Meta; an undecodable body is kept
 * verbatim in Meta.RawBody.
 */
package dev.disque.tasque;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.tasque.json.GoTime;
import dev.disque.tasque.json.JsonException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * List, show, requeue and purge dead tasks. Obtained from {@link TasqueClient#deadLetters()}.
 */
public final class DeadLetters {
    static final int MAX_ERROR_CHARS = 2000;
    static final int MAX_STACK_CHARS = 16000;
    private static final int BATCH = 100;

    private final StatefulDisqueConnection<String, String> connection;
    private final Duration enqueueTimeout;
    private final Clock clock;

    DeadLetters(StatefulDisqueConnection<String, String> connection, Duration enqueueTimeout, Clock clock) {
        this.connection = connection;
        this.enqueueTimeout = enqueueTimeout;
        this.clock = clock;
    }

    /** @return the names of tasks that have dead-letter queues, sorted */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        Iterator<String> it = connection.sync().qscanIterator(new QScanArgs());
        while (it.hasNext()) {
            String q = it.next();
            if (q.startsWith(Tasque.DEAD_PREFIX)) names.add(q.substring(Tasque.DEAD_PREFIX.length()));
        }
        return new ArrayList<>(names);
    }

    /**
     * @param name a task name
     * @return how many dead tasks of that name are queued
     */
    public long count(String name) {
        return connection.sync().qlen(Tasque.deadQueueName(name));
    }

    /**
     * @param name a task name
     * @param limit at most this many, oldest first
     * @return the dead tasks
     */
    public List<DeadTask> list(String name, int limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive");
        List<DeadTask> out = new ArrayList<>();
        for (Job<String, String> j : connection.sync().qpeek(Tasque.deadQueueName(name), limit)) {
            out.add(describe(j.id(), name, j.body()));
        }
        return out;
    }

    /**
     * @param jobId a dead-letter job ID
     * @return the dead task, or empty if there is no such job in a dead-letter queue
     */
    public Optional<DeadTask> show(String jobId) {
        JobInfo<String, String> info = connection.sync().show(jobId);
        if (info == null || info.queue() == null || !info.queue().startsWith(Tasque.DEAD_PREFIX)) return Optional.empty();
        return Optional.of(describe(jobId, Tasque.taskName(info.queue()), info.body()));
    }

    /**
     * Puts a dead task back into its task queue as a fresh task (attempt 1; the original job ID and first enqueue
     * time are kept) and deletes the dead-letter job. An undecodable body is put back as it was.
     *
     * @param jobId a dead-letter job ID
     * @return the new job's ID
     * @throws NoSuchElementException if there is no such dead task
     */
    public String requeue(String jobId) {
        JobInfo<String, String> info = connection.sync().show(jobId);
        if (info == null || info.queue() == null || !info.queue().startsWith(Tasque.DEAD_PREFIX)) {
            throw new NoSuchElementException("no dead task with job ID " + jobId);
        }
        String name = Tasque.taskName(info.queue());
        String body = revive(name, info.body());
        String id = connection.sync().addjob(Tasque.queueName(name), body, new AddJobArgs().timeout(enqueueTimeout));
        connection.sync().deljob(jobId);
        return id;
    }

    /**
     * Requeues every dead task of a name (those there when the call starts).
     *
     * @param name a task name
     * @return how many were requeued
     */
    public long requeueAll(String name) {
        return drain(name, true);
    }

    /**
     * Deletes every dead task of a name (those there when the call starts).
     *
     * @param name a task name
     * @return how many were deleted
     */
    public long purge(String name) {
        return drain(name, false);
    }

    /**
     * @param jobId a dead-letter job ID
     * @return true if it was deleted
     */
    public boolean delete(String jobId) {
        Optional<DeadTask> t = show(jobId);
        return t.isPresent() && connection.sync().deljob(jobId) > 0;
    }

    private long drain(String name, boolean requeue) {
        String queue = Tasque.deadQueueName(name);
        long todo = connection.sync().qlen(queue);
        long done = 0;
        while (done < todo) {
            List<Job<String, String>> batch = connection.sync().qpeek(queue, Math.min(BATCH, todo - done));
            if (batch.isEmpty()) break;
            for (Job<String, String> j : batch) {
                if (requeue) {
                    String body = revive(name, j.body());
                    connection.sync().addjob(Tasque.queueName(name), body, new AddJobArgs().timeout(enqueueTimeout));
                }
                connection.sync().deljob(j.id());
                done++;
            }
        }
        return done;
    }

    private String revive(String name, String deadBody) {
        Task t;
        try {
            t = TaskCodec.decode(deadBody);
        } catch (JsonException e) {
            return deadBody;
        }
        TaskMeta m = t.meta();
        if (m.rawBody() != null) return m.rawBody();
        TaskMeta fresh = new TaskMeta(1, m.originalJobId(), m.firstEnqueueTime(), null, null, null, null, null);
        return TaskCodec.encode(t.name(), t.rawParams(), t.paramsNull(), now(), fresh);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static DeadTask describe(String jobId, String name, String body) {
        Task t;
        try {
            t = TaskCodec.decode(body);
        } catch (JsonException e) {
            return new DeadTask(jobId, name, Map.of(), 0, DeadReason.UNDECODABLE.wire(), e.getMessage(), null,
                    Optional.empty(), null, body, body);
        }
        TaskMeta m = t.meta();
        return new DeadTask(jobId, t.name(), t.params(), m.attempt(), m.deadReason(), m.lastError(), m.stackTrace(),
                Optional.ofNullable(m.deadTime()).filter(x -> !GoTime.isZero(x)).map(OffsetDateTime::toInstant),
                m.originalJobId(), m.rawBody(), body);
    }

    // ------------------------------------------------------------- writing

    /** The body of a dead-letter job for a decoded task. */
    static String deadBody(Task task, int attempts, DeadReason reason, Throwable error, OffsetDateTime now) {
        TaskMeta m = task.meta();
        OffsetDateTime first = m.firstEnqueueTime() != null ? m.firstEnqueueTime() : task.rawEnqueueTime();
        TaskMeta dead = new TaskMeta(attempts, task.originalJobId(), first, errorText(error), stackTrace(error),
                reason.wire(), now, null);
        return TaskCodec.encode(task.name(), task.rawParams(), task.paramsNull(), task.rawEnqueueTime(), dead);
    }

    /** The body of a dead-letter job for a body that could not be decoded. */
    static String undecodableBody(String name, String jobId, String rawBody, Throwable error, OffsetDateTime now) {
        TaskMeta dead = new TaskMeta(1, jobId, null, errorText(error), null, DeadReason.UNDECODABLE.wire(), now, rawBody);
        return TaskCodec.encode(name, Map.of(), true, null, dead);
    }

    static String errorText(Throwable t) {
        if (t == null) return null;
        String s = t.toString();
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) + "..." : s;
    }

    static String stackTrace(Throwable t) {
        if (t == null) return null;
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > MAX_STACK_CHARS ? s.substring(0, MAX_STACK_CHARS) + "..." : s;
    }
}
