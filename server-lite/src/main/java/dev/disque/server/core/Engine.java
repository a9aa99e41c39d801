/*
 * Engine: the state machine of one Disque node.
 *
 * It owns the job registry, the queues, the connected clients and the
 * statistics, and is only ever touched from one thread (the server's event
 * loop), so nothing in it needs a lock. Commands, timers and the network
 * layer all call into it on that thread; anything from another thread must
 * be submitted to the loop first.
 */
package dev.disque.server.core;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.cluster.Outbox;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobIdGenerator;
import dev.disque.server.job.JobRegistry;
import dev.disque.server.job.JobReplies;
import dev.disque.server.job.Jobs;
import dev.disque.server.job.JobSchedule;
import dev.disque.server.job.JobState;
import dev.disque.server.memory.MemoryMonitor;
import dev.disque.server.persist.AofLoader;
import dev.disque.server.persist.AppendOnlyFile;
import dev.disque.server.queue.Queues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Engine {
    private final ServerConfig config;
    private final Clock clock;
    private final ClusterState cluster;
    private final JobRegistry registry = new JobRegistry();
    private final JobSchedule schedule;
    private final Queues queues;
    private JobIdGenerator ids;
    private final Stats stats = new Stats();
    private final SlowLog slowLog = new SlowLog();
    private final MemoryMonitor memory = new MemoryMonitor();
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Set<Client> blocked = new LinkedHashSet<>();
    private final Set<Client> monitors = new LinkedHashSet<>();
    private final ClientPause clientPause;
    private final LatencyMonitor latency;
    private final OutputLimit outputLimit = new OutputLimit();
    private final String runId = Node.randomId();
    private final long startMillis;
    private long nextClientId = 1;
    private long lastCtime;
    private long clientBytes;
    private Loop loop;
    private final AppendOnlyFile aof;
    private final Jobs jobs = new Jobs(this);
    private Outbox outbox = Outbox.NONE;
    // Limits read on every request, kept parsed; CONFIG SET refreshes them.
    private volatile long maxMemory;
    private volatile long protoMaxBulkLen;
    private volatile long queryBufferLimit;

    public Engine(ServerConfig config, Clock clock, Node myself) {
        this.config = config;
        this.clock = clock;
        this.cluster = new ClusterState(myself);
        this.schedule = new JobSchedule(registry, clock);
        this.queues = new Queues(clock, schedule);
        this.clientPause = new ClientPause(clock);
        this.latency = new LatencyMonitor(clock);
        this.ids = new JobIdGenerator(myself.id());
        this.startMillis = clock.millis();
        this.aof = new AppendOnlyFile(config, this::loop, new AofLoader(config, clock, loadTarget()), registry::scan,
                latency);
        readLimits();
        config.onChange((name, value) -> readLimits());
    }

    /** What replaying the append-only file may change: the jobs, through their verbs. */
    private AofLoader.Target loadTarget() {
        return new AofLoader.Target() {
            @Override
            public boolean restore(Job job, NodeSet holders, boolean requeueNow, long now) {
                return jobs.restore(job, holders, requeueNow, now);
            }

            @Override
            public void delete(JobId id) {
                Job j = registry.lookup(id);
                if (j != null) jobs.delete(j);
            }

            @Override
            public Node lookupNode(String id) {
                return cluster.lookup(id);
            }

            @Override
            public ByteString sharedName(ByteString name) {
                return queues.sharedName(name);
            }

            @Override
            public int size() {
                return registry.size();
            }
        };
    }

    private void readLimits() {
        maxMemory = config.getLong("maxmemory");
        protoMaxBulkLen = config.getLong("proto-max-bulk-len");
        queryBufferLimit = config.getLong("client-query-buffer-limit");
        latency.setThreshold(config.getLong("latency-monitor-threshold"));
        outputLimit.configure(config.get("client-output-buffer-limit"));
    }

    /** The proto-max-bulk-len directive: the largest argument a client may send. */
    public long protoMaxBulkLen() { return protoMaxBulkLen; }

    /** The client-query-buffer-limit directive: most unparsed input held per client. */
    public long queryBufferLimit() { return queryBufferLimit; }

    public ServerConfig config() { return config; }
    public Clock clock() { return clock; }
    public ClusterState cluster() { return cluster; }
    public JobRegistry registry() { return registry; }
    public JobSchedule schedule() { return schedule; }
    public Queues queues() { return queues; }
    public JobIdGenerator ids() { return ids; }

    /** Takes a new node ID (CLUSTER RESET HARD): new jobs carry it from now on. */
    public void renewIdentity(Node me) {
        cluster.reset(me);
        ids = new JobIdGenerator(me.id());
    }
    public Stats stats() { return stats; }
    public SlowLog slowLog() { return slowLog; }
    public ClientPause clientPause() { return clientPause; }
    public LatencyMonitor latency() { return latency; }
    public OutputLimit outputLimit() { return outputLimit; }
    public MemoryMonitor memory() { return memory; }
    public String runId() { return runId; }
    public long startMillis() { return startMillis; }

    /**
     * A creation stamp: milliseconds times a million, bumped by one when two
     * jobs are created in the same millisecond, so stamps are unique and
     * ordered and queues can sort by them.
     */
    public long nextCtime() {
        long c = clock.millis() * 1_000_000L;
        if (c <= lastCtime) c = lastCtime + 1;
        lastCtime = c;
        return c;
    }

    /** The job verbs (create, adopt, delete, postpone, the timer step). */
    public Jobs jobs() {
        return jobs;
    }

    // -------------------------------------------------------------- clients

    public Client connect(ClientChannel channel) {
        Client c = new Client(nextClientId++, channel, clock.millis());
        c.setGate(aof);
        clients.put(c.id(), c);
        return c;
    }

    public void disconnect(Client c) {
        c.markClosed();
        if (c.isBlocked()) {
            Blocked b = c.blocked();
            unblock(c);
            if (b.waiter() != null) b.waiter().clientGone(c);
        }
        clients.remove(c.id());
        monitors.remove(c);
        clientPause.forget(c);
        aof.forget(c);
        c.discardOutput();
    }

    /** Makes the client receive a copy of every command the server runs (MONITOR). */
    public void addMonitor(Client c) {
        monitors.add(c);
    }

    public boolean isMonitor(Client c) {
        return monitors.contains(c);
    }

    /** Sends a MONITOR line for the command to every monitoring client. */
    public void feedMonitors(Client from, byte[][] argv) {
        if (monitors.isEmpty()) return;
        long micros = clock.millis() * 1000 + (System.nanoTime() / 1000) % 1000;
        StringBuilder sb = new StringBuilder();
        sb.append(micros / 1_000_000).append('.').append(String.format("%06d", micros % 1_000_000))
          .append(" [").append(from.channel().remoteAddress()).append(']');
        for (byte[] a : argv) sb.append(' ').append(Repr.of(a));
        String line = sb.toString();
        for (Client m : monitors) {
            if (m.isClosed()) continue;
            m.status(line);
            m.flush();
        }
    }

    public int clientCount() {
        return clients.size();
    }

    public Collection<Client> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    /**
     * Parks a client until jobs arrive on one of its queues, its waiter ends
     * the wait, or its deadline passes. A waiter may block a client it already
     * holds again, to move the deadline.
     */
    public void block(Client c, Blocked b) {
        c.setBlocked(b);
        if (b.waiter() == null) queues.block(c, b.queues());
        blocked.add(c);
        c.channel().setReading(false);
        if (b.deadline() != 0 && (wakeTask == null || b.deadline() < wakeAt)) scheduleWake(b.deadline());
    }

    // One timer for all blocked clients, set for the earliest deadline, so a
    // consumer looping on long GETJOB timeouts does not pile up timer tasks.
    private java.util.concurrent.Future<?> wakeTask;
    private long wakeAt;

    private void scheduleWake(long at) {
        if (wakeTask != null) wakeTask.cancel(false);
        wakeAt = at;
        wakeTask = loop.schedule(this::wake, Math.max(0, at - clock.millis()));
    }

    private void wake() {
        wakeTask = null;
        expireBlocked();
        long next = nextBlockedDeadline();
        if (next != 0) scheduleWake(next);
    }

    /** Attaches the event loop that runs this engine. */
    public void setLoop(Loop loop) {
        this.loop = loop;
    }

    public Loop loop() {
        return loop;
    }

    public AppendOnlyFile aof() {
        return aof;
    }

    /** How the job layers reach the other holders of a job. */
    public Outbox outbox() {
        return outbox;
    }

    public void setOutbox(Outbox outbox) {
        this.outbox = outbox;
        queues.setOutbox(outbox);
    }

    /** Releases a blocked client; it resumes reading its pipelined commands. */
    public void unblock(Client c) {
        if (!c.isBlocked()) return;
        if (c.blocked().waiter() == null) queues.unblock(c);
        c.setBlocked(null);
        blocked.remove(c);
        if (!c.isClosed()) c.channel().setReading(true);
    }

    /** A blocked client's wait may admit more of its pipelined requests now: run those it admits. */
    public void admitMore(Client c) {
        if (c.isBlocked() && !c.isClosed()) c.channel().setReading(true);
    }

    /** The clients blocked right now (GETJOB or ADDJOB replication). */
    public Collection<Client> blockedClients() {
        return Collections.unmodifiableCollection(blocked);
    }

    public int blockedCount() {
        return blocked.size();
    }

    /** Hands jobs to clients blocked on queues that just received some. */
    public void serveBlocked() {
        if (!queues.hasReady()) return;
        queues.serveReady((c, jobs) -> {
            // The reply goes before unblocking, which may run the client's next requests.
            JobReplies.jobs(c.out(), jobs, c.blocked().withCounters());
            unblock(c);
            c.flush();
        });
    }

    /** Replies nil to blocked clients whose GETJOB timeout has passed. */
    public void expireBlocked() {
        if (blocked.isEmpty()) return;
        long now = clock.millis();
        boolean leaving = cluster.leaving();
        List<Client> expired = new ArrayList<>();
        for (Client c : blocked) {
            Blocked b = c.blocked();
            long deadline = b.deadline();
            boolean consumer = b.waiter() == null;
            if ((leaving && consumer) || (deadline != 0 && deadline <= now)) expired.add(c);
        }
        for (Client c : expired) {
            Blocked b = c.blocked();
            if (b.waiter() != null) {
                unblock(c);
                b.waiter().timedOut(c, now);
                c.flush();
                continue;
            }
            // A leaving node must not keep consumers waiting: they should move to another node.
            if (leaving) c.error("LEAVING This node is leaving the cluster, please connect to a different one");
            else c.nullArray();
            unblock(c);
            c.flush();
        }
    }

    /** The earliest blocked-client deadline, or 0 if none. */
    public long nextBlockedDeadline() {
        long next = 0;
        for (Client c : blocked) {
            long d = c.blocked().deadline();
            if (d != 0 && (next == 0 || d < next)) next = d;
        }
        return next;
    }

    /** Closes clients idle longer than the configured timeout (blocked ones are exempt). */
    public void closeIdleClients() {
        long timeout = config.getLong("timeout");
        if (timeout <= 0) return;
        long now = clock.millis();
        List<Client> idle = new ArrayList<>();
        for (Client c : clients.values()) {
            if (!c.isBlocked() && now - c.lastInteractionMillis() > timeout * 1000) idle.add(c);
        }
        for (Client c : idle) c.channel().close();
    }

    // --------------------------------------------------------------- memory

    /** Refreshes the part of the memory estimate that is not kept incrementally. */
    public void refreshClientMemory() {
        long bytes = 0;
        for (Client c : clients.values()) {
            bytes += MemoryMonitor.CLIENT_OVERHEAD + c.channel().pendingInput() + c.pendingOutput();
        }
        clientBytes = bytes;
    }

    public long usedMemory() {
        return registry.footprint() + (long) queues.size() * MemoryMonitor.QUEUE_OVERHEAD + clientBytes;
    }

    public long maxMemory() {
        return maxMemory;
    }

    public int memoryWarningLevel() {
        return MemoryMonitor.warningLevel(usedMemory(), maxMemory());
    }

    /**
     * Under pressure (above 95%), evicts acknowledged jobs, and delivered
     * at-most-once jobs, which no client can receive again, then idle
     * queues. Never evicts a job that may still be delivered. Returns false
     * when memory is still over the limit afterwards.
     */
    public boolean freeMemoryIfNeeded() {
        long max = maxMemory();
        if (memoryWarningLevel() < 2) return true;
        if (config.get("maxmemory-policy").equals("noeviction")) return usedMemory() <= max;
        long target = max / 100 * 95;
        int samples = config.getInt("maxmemory-samples");
        long start = System.nanoTime();
        java.util.Random rnd = java.util.concurrent.ThreadLocalRandom.current();
        int fruitless = 0;
        while (usedMemory() > target && registry.size() > 0 && fruitless < 10
                && System.nanoTime() - start < 2_000_000) {
            boolean freed = false;
            for (int i = 0; i < samples; i++) {
                Job j = registry.random(rnd);
                if (j == null) break;
                boolean evictable = j.state() == JobState.ACKED
                        || (j.retry() == 0 && j.hasFlag(Job.FLAG_DELIVERED) && j.state() != JobState.QUEUED);
                if (evictable) {
                    jobs.delete(j);
                    stats.evictedJobs++;
                    freed = true;
                }
            }
            fruitless = freed ? 0 : fruitless + 1;
        }
        if (usedMemory() > target) queues.evictIdle(2);
        latency.record("eviction-cycle", (System.nanoTime() - start) / 1_000_000);
        return usedMemory() <= max;
    }

    // --------------------------------------------------------------- admin

    /** DEBUG FLUSHALL: forgets every job and queue; blocked consumers get nil. */
    public void flushAll() {
        for (Client c : new ArrayList<>(blocked)) {
            Blocked b = c.blocked();
            unblock(c);
            if (b.waiter() != null) b.waiter().flushed(c);
            else c.nullArray();
            c.flush();
        }
        registry.clear();
        queues.clear();
    }
}
