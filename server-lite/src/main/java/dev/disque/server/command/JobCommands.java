/*
 * JobCommands: creating, fetching, inspecting and deleting jobs:
 * ADDJOB, GETJOB, SHOW, DELJOB, and LOADJOB (refused from clients).
 *
 * ADDJOB follows the original's rules and order of checks: options, the
 * timeout, RETRY 0 with REPLICATE > 1, DELAY >= TTL, whether enough nodes
 * are reachable for the replication level, MAXLEN, then the input pause.
 */
package dev.disque.server.command;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Federation;
import dev.disque.server.cluster.Replication;
import dev.disque.server.core.Blocked;
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
import java.util.List;

public final class JobCommands {
    /** Default TTL: one day. */
    static final long DEFAULT_TTL = 24 * 3600;
    /** Default RETRY is TTL/10, but at most five minutes. */
    static final long DEFAULT_RETRY_MAX = 300;

    private final Engine engine;
    private final Replication replication;
    private final Federation federation;

    public JobCommands(Engine engine, Replication replication, Federation federation) {
        this.engine = engine;
        this.replication = replication;
        this.federation = federation;
    }

    public void register(CommandTable t) {
        t.add(new Command("addjob", -4, "wmF", this::addjob));
        t.add(new Command("getjob", -2, "wF", this::getjob));
        t.add(new Command("show", 2, "rF", this::show));
        t.add(new Command("deljob", -1, "wF", this::deljob));
        t.add(new Command("loadjob", 2, "w", (c, argv) -> {
            throw new CommandError("ERR LOADJOB is a special command only processed from AOF");
        }));
    }

    void addjob(Client c, byte[][] argv) {
        ClusterState cluster = engine.cluster();
        long replicate = Math.min(3, cluster.size());
        long ttl = DEFAULT_TTL;
        long retry = -1;
        long delay = 0;
        long maxlen = 0;
        boolean async = false;
        boolean leaving = cluster.leaving();
        boolean extrepl = leaving || engine.memoryWarningLevel() > 0;

        for (int j = 4; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean last = j == argv.length - 1;
            if (Args.is(opt, "replicate") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v <= 0 || v > 65535) throw new CommandError("ERR REPLICATE must be between 1 and 65535");
                replicate = v;
            } else if (Args.is(opt, "ttl") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v <= 0) throw new CommandError("ERR TTL must be a number > 0");
                ttl = v;
            } else if (Args.is(opt, "retry") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v < 0) throw new CommandError("ERR RETRY time must be a non negative number");
                retry = v;
            } else if (Args.is(opt, "delay") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v < 0) throw new CommandError("ERR DELAY time must be a non negative number");
                delay = v;
            } else if (Args.is(opt, "maxlen") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v <= 0) throw new CommandError("ERR MAXLEN must be a positive number");
                maxlen = v;
            } else if (Args.is(opt, "async")) {
                async = true;
            } else {
                throw new CommandError(CommandError.SYNTAX);
            }
        }
        long timeout = Args.timeoutMillis(argv[3]);

        if (replicate > 1 && retry == 0) {
            throw new CommandError("ERR With RETRY set to 0 please explicitly set  REPLICATE to 1 (at-most-once delivery)");
        }
        if (delay >= ttl) {
            throw new CommandError("ERR The specified DELAY is greater than TTL. Job refused since would never be delivered");
        }
        if (retry == -1) {
            retry = Math.min(ttl / 10, DEFAULT_RETRY_MAX);
            if (retry == 0) retry = 1;
        }
        // This node keeps a copy unless it is leaving or short of memory.
        long additional = extrepl ? replicate : replicate - 1;
        int reachable = cluster.reachableOthers();
        if (additional > reachable) {
            if (extrepl && additional - 1 == reachable) {
                throw new CommandError("NOREPL Not enough reachable nodes for the requested replication level, "
                        + "since I'm unable to hold a copy of the message for the following reason: "
                        + (leaving ? "I'm leaving the cluster" : "I'm out of memory"));
            }
            throw new CommandError("NOREPL Not enough reachable nodes for the requested replication level");
        }

        Queues queues = engine.queues();
        ByteString name = ByteString.wrap(argv[1]);
        Queue q = queues.lookup(name);
        if (maxlen > 0 && q != null && q.length() >= maxlen) {
            throw new CommandError("MAXLEN Queue is already longer than the specified MAXLEN count");
        }
        if (q != null && q.pausedIn()) throw new CommandError("PAUSED Queue paused in input, try later");

        long now = engine.clock().millis();
        // Keep the millisecond arithmetic on these times from overflowing: a TTL or DELAY
        // beyond what the clock can count to (~292 million years) means "that far", not "past".
        long maxSeconds = Long.MAX_VALUE / 1000 - 1 - now / 1000;
        ttl = Math.min(ttl, maxSeconds);
        delay = Math.min(delay, maxSeconds);
        JobId id = engine.ids().next(ttl, retry);
        Job job = new Job(id, q != null ? q.name() : name, argv[2], JobState.ACTIVE);
        job.setRepl((int) replicate);
        job.setCtime(engine.nextCtime());
        job.setEtime(now / 1000 + ttl);
        job.setDelay((int) Math.min(Integer.MAX_VALUE, delay));
        job.setRetry((int) Math.min(Integer.MAX_VALUE, retry));
        job.setQtime(delay > 0 ? now + delay * 1000 : now + job.retry() * 1000L);
        if (additional > 0) {
            // Saturate: a timeout too large to add to the clock means "no timeout".
            long deadline = timeout <= 0 || timeout > Long.MAX_VALUE - now ? 0 : now + timeout;
            replication.start(c, job, (int) additional, async, extrepl, deadline);
            return;
        }
        job.setNodesDelivered(cluster.onlyMyself());
        engine.registry().registerMinted(job);
        engine.jobs().activate(job);
        JobReplies.idStatus(c.out(), id);
    }

    void getjob(Client c, byte[][] argv) {
        long timeout = 0;
        long count = 1;
        boolean nohang = false;
        boolean withCounters = false;
        int from = -1;
        for (int j = 1; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean last = j == argv.length - 1;
            if (Args.is(opt, "nohang")) {
                nohang = true;
            } else if (Args.is(opt, "withcounters")) {
                withCounters = true;
            } else if (Args.is(opt, "timeout") && !last) {
                timeout = Args.timeoutMillis(argv[++j]);
            } else if (Args.is(opt, "count") && !last) {
                Long v = Args.parseLong(argv[++j]);
                if (v == null || v <= 0) throw new CommandError("ERR COUNT must be a number greater than zero");
                count = v;
            } else if (Args.is(opt, "from")) {
                from = j + 1;
                break;
            } else {
                throw new CommandError(CommandError.SYNTAX);
            }
        }
        if (from < 0 || from >= argv.length) throw new CommandError(CommandError.SYNTAX);

        Queues queues = engine.queues();
        List<ByteString> names = new ArrayList<>(argv.length - from);
        for (int j = from; j < argv.length; j++) names.add(ByteString.wrap(argv[j]));

        // Round-robin over the queues, left to right, until COUNT or no progress.
        List<Job> jobs = null;
        boolean progress = true;
        while (count > 0 && progress) {
            progress = false;
            for (ByteString n : names) {
                Queue q = queues.lookupOrCreate(n);
                if (q.pausedOut()) continue;
                Job job = queues.fetch(q);
                if (job == null) continue;
                if (jobs == null) jobs = new ArrayList<>((int) Math.min(count, 64));
                jobs.add(job);
                progress = true;
                if (--count == 0) break;
            }
        }
        if (jobs != null) {
            JobReplies.jobs(c.out(), jobs, withCounters);
            return;
        }
        if (nohang) {
            c.nullArray();
            return;
        }
        if (engine.cluster().leaving()) {
            throw new CommandError("LEAVING This node is leaving the cluster, please connect to a different one");
        }
        long now = engine.clock().millis();
        // Saturate: a timeout too large to add to the clock means "wait forever", not "already past".
        long deadline = timeout <= 0 ? 0 : timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        engine.block(c, new Blocked(names, deadline, withCounters, (int) Math.min(count, Integer.MAX_VALUE)));
        federation.consumersWaiting(names);
    }

    void show(Client c, byte[][] argv) {
        JobId id = Args.jobIds(argv, 1)[0];
        Job job = engine.registry().lookup(id);
        if (job == null) {
            c.nullBulk();
            return;
        }
        JobReplies.info(c.out(), job, engine.clock().millis());
    }

    void deljob(Client c, byte[][] argv) {
        int evicted = 0;
        for (JobId id : Args.jobIds(argv, 1)) {
            Job job = engine.registry().lookup(id);
            if (job == null) continue;
            engine.jobs().delete(job);
            evicted++;
        }
        c.integer(evicted);
    }
}
