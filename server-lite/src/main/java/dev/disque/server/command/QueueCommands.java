/*
 * QueueCommands: looking into queues and moving jobs in and out of them:
 * QLEN, QPEEK, QSTAT, QSCAN, JSCAN, ENQUEUE, NACK, DEQUEUE, WORKING, PAUSE.
 */
package dev.disque.server.command;

import dev.disque.server.cluster.Federation;
import dev.disque.server.cluster.Node;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobReplies;
import dev.disque.server.job.JobState;
import dev.disque.server.queue.Queue;
import dev.disque.server.queue.Queues;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

public final class QueueCommands {
    private static final long SCAN_DEFAULT_COUNT = 100;

    private final Engine engine;

    private final Federation federation;

    public QueueCommands(Engine engine, Federation federation) {
        this.engine = engine;
        this.federation = federation;
    }

    public void register(CommandTable t) {
        t.add(new Command("qlen", 2, "rF", this::qlen));
        t.add(new Command("qpeek", 3, "r", this::qpeek));
        t.add(new Command("qstat", 2, "rF", this::qstat));
        t.add(new Command("qscan", -1, "r", this::qscan));
        t.add(new Command("jscan", -1, "r", this::jscan));
        t.add(new Command("enqueue", -1, "mwF", (c, argv) -> enqueue(c, argv, false)));
        t.add(new Command("nack", -1, "mwF", (c, argv) -> enqueue(c, argv, true)));
        t.add(new Command("dequeue", -1, "wF", this::dequeue));
        t.add(new Command("working", 2, "wF", this::working));
        t.add(new Command("pause", -3, "rF", this::pause));
    }

    void qlen(Client c, byte[][] argv) {
        c.integer(engine.queues().length(ByteString.wrap(argv[1])));
    }

    void qpeek(Client c, byte[][] argv) {
        long count = Args.longArg(argv[2]);
        boolean newest = count < 0;
        if (newest) count = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
        Queue q = engine.queues().lookup(ByteString.wrap(argv[1]));
        if (q == null || q.length() == 0 || count == 0) {
            c.arrayHeader(0);
            return;
        }
        long n = Math.min(count, q.length());
        c.arrayHeader(n);
        Iterator<Job> it = q.iterator(newest);
        for (long i = 0; i < n; i++) JobReplies.job(c.out(), it.next(), false);
    }

    void qstat(Client c, byte[][] argv) {
        Queue q = engine.queues().lookup(ByteString.wrap(argv[1]));
        if (q == null) {
            c.nullArray();
            return;
        }
        long now = engine.clock().millis();
        long nowSec = now / 1000;
        c.arrayHeader(20);
        c.bulk("name");
        c.bulk(q.name().bytes());
        c.bulk("len");
        c.integer(q.length());
        c.bulk("age");
        c.integer(Math.max(0, nowSec - q.ctime()));
        c.bulk("idle");
        c.integer(Math.max(0, nowSec - q.atime()));
        c.bulk("blocked");
        c.integer(q.blockedCount());
        c.bulk("import-from");
        java.util.List<Node> sources = federation.sources(q.name());
        c.arrayHeader(sources.size());
        for (Node n : sources) c.bulk(n.id());
        c.bulk("import-rate");
        c.integer(q.importRate().perSecond(now));
        c.bulk("jobs-in");
        c.integer(q.jobsIn());
        c.bulk("jobs-out");
        c.integer(q.jobsOut());
        c.bulk("pause");
        c.bulk(Queue.pauseName(q.flags()));
    }

    void qscan(Client c, byte[][] argv) {
        long count = SCAN_DEFAULT_COUNT;
        boolean busyloop = false;
        long minlen = -1, maxlen = -1, importrate = -1;
        long cursor = 0;
        boolean cursorSet = false;
        for (int j = 1; j < argv.length; j++) {
            boolean more = j < argv.length - 1;
            byte[] opt = argv[j];
            if (Args.is(opt, "count") && more) count = Args.longArg(argv[++j]);
            else if (Args.is(opt, "busyloop")) busyloop = true;
            else if (Args.is(opt, "minlen") && more) minlen = Args.longArg(argv[++j]);
            else if (Args.is(opt, "maxlen") && more) maxlen = Args.longArg(argv[++j]);
            else if (Args.is(opt, "importrate") && more) importrate = Args.longArg(argv[++j]);
            else {
                if (cursorSet) throw new CommandError(CommandError.SYNTAX);
                cursor = Args.cursor(opt);
                cursorSet = true;
            }
        }
        long now = engine.clock().millis();
        List<ByteString> found = new ArrayList<>();
        long fMin = minlen, fMax = maxlen, fRate = importrate;
        long maxIterations = count * 10;
        Queues queues = engine.queues();
        do {
            cursor = queues.scan(cursor, (name, q) -> {
                if (fMin != -1 && q.length() < fMin) return;
                if (fMax != -1 && q.length() > fMax) return;
                if (fRate != -1 && q.importRate().perSecond(now) < fRate) return;
                found.add(name);
            });
        } while (cursor != 0 && (busyloop || moreWork(maxIterations--, found.size(), count)));
        c.arrayHeader(2);
        c.bulk(Long.toUnsignedString(cursor));
        c.arrayHeader(found.size());
        for (ByteString n : found) c.bulk(n.bytes());
    }

    void jscan(Client c, byte[][] argv) {
        long count = SCAN_DEFAULT_COUNT;
        boolean busyloop = false;
        ByteString queue = null;
        EnumSet<JobState> states = EnumSet.noneOf(JobState.class);
        boolean replyAll = false;
        long cursor = 0;
        boolean cursorSet = false;
        for (int j = 1; j < argv.length; j++) {
            boolean more = j < argv.length - 1;
            byte[] opt = argv[j];
            if (Args.is(opt, "count") && more) {
                count = Args.longArg(argv[++j]);
            } else if (Args.is(opt, "busyloop")) {
                busyloop = true;
            } else if (Args.is(opt, "queue") && more) {
                queue = ByteString.wrap(argv[++j]);
            } else if (Args.is(opt, "state") && more) {
                JobState s = JobState.fromWireName(Args.str(argv[++j]));
                if (s == null) throw new CommandError("ERR Invalid job state name");
                states.add(s);
            } else if (Args.is(opt, "reply") && more) {
                byte[] type = argv[++j];
                if (Args.is(type, "id")) replyAll = false;
                else if (Args.is(type, "all")) replyAll = true;
                else throw new CommandError("ERR Invalid REPLY type, try ID or ALL");
            } else {
                if (cursorSet) throw new CommandError(CommandError.SYNTAX);
                cursor = Args.cursor(opt);
                cursorSet = true;
            }
        }
        List<Job> found = new ArrayList<>();
        ByteString fQueue = queue;
        long maxIterations = count * 10;
        do {
            cursor = engine.registry().scan(cursor, (id, job) -> {
                if (job.isDummyAck()) return;
                if (fQueue != null && !fQueue.equals(job.queue())) return;
                if (!states.isEmpty() && !states.contains(job.state())) return;
                found.add(job);
            });
        } while (cursor != 0 && (busyloop || moreWork(maxIterations--, found.size(), count)));
        long now = engine.clock().millis();
        c.arrayHeader(2);
        c.bulk(Long.toUnsignedString(cursor));
        c.arrayHeader(found.size());
        for (Job job : found) {
            if (replyAll) JobReplies.info(c.out(), job, now);
            else JobReplies.idStatus(c.out(), job.id());
        }
    }

    /**
     * The original's loop condition for QSCAN/JSCAN, C semantics included:
     * any non-zero budget goes on, and the count is compared as unsigned, so
     * a negative COUNT walks to the end.
     */
    private static boolean moreWork(long iterationsLeft, int found, long count) {
        return iterationsLeft != 0 && Long.compareUnsigned(found, count) < 0;
    }

    void enqueue(Client c, byte[][] argv, boolean nack) {
        int enqueued = 0;
        for (JobId id : Args.jobIds(argv, 1)) {
            Job job = engine.registry().lookup(id);
            if (job != null && job.state() == JobState.ACTIVE && engine.queues().enqueue(job, nack)) enqueued++;
        }
        c.integer(enqueued);
    }

    void dequeue(Client c, byte[][] argv) {
        int dequeued = 0;
        for (JobId id : Args.jobIds(argv, 1)) {
            Job job = engine.registry().lookup(id);
            if (job != null && engine.queues().dequeue(job)) dequeued++;
        }
        c.integer(dequeued);
    }

    void working(Client c, byte[][] argv) {
        JobId id = Args.jobIds(argv, 1)[0];
        Job job = engine.registry().lookup(id);
        if (job == null || job.state() == JobState.ACKED) {
            throw new CommandError("NOJOB Job not known in the context of this node.");
        }
        long now = engine.clock().millis();
        // A worker may not keep a job for more than half its life.
        long ttl = job.etime() * 1000 - job.ctimeMillis();
        long elapsed = now - job.ctimeMillis();
        if (ttl > 0 && elapsed > ttl / 2) {
            throw new CommandError("TOOLATE Half of job TTL already elapsed, you are no longer allowed to postpone "
                    + "the next delivery.");
        }
        if (job.state() == JobState.QUEUED) engine.queues().dequeue(job);
        engine.jobs().postpone(job);
        engine.outbox().working(job);
        c.integer(job.retry());
    }

    void pause(Client c, byte[][] argv) {
        Queues queues = engine.queues();
        ByteString name = ByteString.wrap(argv[1]);
        Queue q = queues.lookup(name);
        int oldFlags = q == null ? 0 : q.flags() & Queue.PAUSED_ALL;
        int newFlags = 0;
        boolean update = false;
        boolean bcast = false;
        for (int j = 2; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (Args.is(opt, "none")) {
                newFlags = 0;
                update = true;
            } else if (Args.is(opt, "in")) {
                newFlags |= Queue.PAUSED_IN;
                update = true;
            } else if (Args.is(opt, "out")) {
                newFlags |= Queue.PAUSED_OUT;
                update = true;
            } else if (Args.is(opt, "all")) {
                newFlags |= Queue.PAUSED_ALL;
                update = true;
            } else if (Args.is(opt, "bcast")) {
                bcast = true;
            } else if (!Args.is(opt, "state")) {
                throw new CommandError(CommandError.SYNTAX);
            }
        }
        if (q == null && update && oldFlags != newFlags) q = queues.lookupOrCreate(name);
        if (q != null && update) {
            queues.setPaused(q, Queue.PAUSED_IN, (newFlags & Queue.PAUSED_IN) != 0);
            queues.setPaused(q, Queue.PAUSED_OUT, (newFlags & Queue.PAUSED_OUT) != 0);
        }
        int flags = q == null ? 0 : q.flags() & Queue.PAUSED_ALL;
        if (bcast) engine.outbox().pause(name, flags);
        c.status(Queue.pauseName(flags));
    }
}
