/*
 * Queues: every queue on this node, and the moves of jobs in and out of them.
 *
 * Queues appear on first use and are garbage collected when empty, idle and
 * unpaused with nobody blocked on them. Enqueueing a job also arms its
 * retry timer; fetching marks it delivered. Clients blocked in GETJOB get
 * their jobs here (the engine writes the reply): a queue that receives a job
 * while someone waits is marked ready and served once the current command is
 * done, as in the original.
 */
package dev.disque.server.queue;

import dev.disque.server.cluster.Outbox;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Client;
import dev.disque.server.core.Clock;
import dev.disque.server.core.ScanTable;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobState;
import dev.disque.server.job.JobSchedule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

public final class Queues {
    /** An empty queue is collected after this many idle seconds. */
    public static final long MAX_IDLE_SECONDS = 300;
    private static final int MAX_SHARED_NAMES = 4096;

    private final ScanTable<ByteString, Queue> queues = new ScanTable<>();
    private final LinkedHashSet<Queue> ready = new LinkedHashSet<>();
    private Consumer<Queue> ranDry = q -> { };
    // Names that copies held for other nodes refer to while no queue of that
    // name exists here; bounded by forgetting them all when it fills up.
    private final HashMap<ByteString, ByteString> sharedNames = new HashMap<>();
    private ByteString lastShared;
    private final Clock clock;
    private final JobSchedule timers;
    private final Random random = new Random();
    private int blockedClients;
    private Outbox outbox = Outbox.NONE;

    public Queues(Clock clock, JobSchedule timers) {
        this.clock = clock;
        this.timers = timers;
    }

    /** Where QUEUED messages go when a requeue must be announced to the other holders. */
    public void setOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public Queue lookup(ByteString name) {
        return queues.get(name);
    }

    /**
     * One instance of this queue name for every job that names it: the
     * queue's own, or a kept one when there is no queue here (a replica's
     * copies are not queued). Each copy would otherwise hold its own name.
     */
    public ByteString sharedName(ByteString name) {
        // Copies usually arrive in runs for one queue.
        ByteString last = lastShared;
        if (last != null && last.equals(name)) return last;
        Queue q = queues.get(name);
        ByteString shared = q != null ? q.name() : sharedNames.get(name);
        if (shared == null) {
            if (sharedNames.size() >= MAX_SHARED_NAMES) sharedNames.clear();
            sharedNames.put(name, name);
            shared = name;
        }
        lastShared = shared;
        return shared;
    }

    public Queue lookupOrCreate(ByteString name) {
        Queue q = queues.get(name);
        if (q == null) {
            // The queue takes the name its jobs' copies already share, if any.
            ByteString shared = sharedNames.remove(name);
            if (shared != null) name = shared;
            q = new Queue(name, clock.millis());
            queues.putIfAbsent(q);
        }
        return q;
    }

    public int size() {
        return queues.size();
    }

    public int blockedClients() {
        return blockedClients;
    }

    public long length(ByteString name) {
        Queue q = queues.get(name);
        return q == null ? 0 : q.length();
    }

    /**
     * Puts an active job into its queue and arms its next requeue. Returns
     * false if it is already queued, or is an at-most-once job that was
     * queued before (queueing it again would break the delivery contract).
     */
    public boolean enqueue(Job job, boolean nack) {
        if (job.state() == JobState.QUEUED || job.qtime() == 0) return false;
        if (job.retry() == 0 && job.hasFlag(Job.FLAG_DELIVERED)) return false;
        long now = clock.millis();
        job.setState(JobState.QUEUED);
        if (job.retry() > 0) {
            job.setFlag(Job.FLAG_BCAST_WILLQUEUE);
            job.setQtime(now + job.retry() * 1000L + timers.randomTimeError());
        } else {
            job.setQtime(0);
        }
        // The first queueing is the delivery everybody expects; later ones
        // are re-deliveries (or NACKs): they are counted, and the other holders
        // told, so they push their own requeue back and count it too.
        if (job.hasFlag(Job.FLAG_BCAST_QUEUED) || nack) {
            if (nack) job.setNacks(job.nacks() + 1);
            else job.setDeliveries(job.deliveries() + 1);
            outbox.queued(job, nack ? Message.Queued.COUNT_NACKS : Message.Queued.COUNT_DELIVERIES);
        } else {
            job.setFlag(Job.FLAG_BCAST_QUEUED);
        }
        timers.updateAwakeTime(job);
        Queue q = lookupOrCreate(job.queue());
        q.add(job);
        q.touch(now);
        if (!q.pausedOut()) signalReady(q);
        return true;
    }

    /** Takes a queued job out of its queue, leaving it active. */
    public boolean dequeue(Job job) {
        if (job.state() != JobState.QUEUED) return false;
        Queue q = queues.get(job.queue());
        if (q == null || !q.remove(job)) return false;
        job.setState(JobState.ACTIVE);
        return true;
    }

    /** Pops the oldest job for delivery, or null. */
    public Job fetch(Queue q) {
        Job j = q.pollFirst();
        if (j == null) return null;
        j.setState(JobState.ACTIVE);
        j.setFlag(Job.FLAG_DELIVERED);
        q.touch(clock.millis());
        if (q.length() == 0) ranDry.accept(q);
        return j;
    }

    /**
     * Tells the listener (federation) whenever a consumer takes the last job
     * of a queue, by GETJOB or by being served while blocked, so that a queue
     * importing jobs from other nodes asks them for more at once.
     */
    public void onRanDry(Consumer<Queue> listener) {
        this.ranDry = listener;
    }

    /** Takes the oldest queued job out to move it to another node (federation): not a delivery. */
    public Job fetchForPeer(Queue q) {
        Job j = q.pollFirst();
        if (j == null) return null;
        j.setState(JobState.ACTIVE);
        q.touch(clock.millis());
        return j;
    }

    /** Sets the pause flags of a queue to exactly these (a PAUSE broadcast by another node). */
    public void applyPause(ByteString name, int flags) {
        Queue q = flags != 0 ? lookupOrCreate(name) : queues.get(name);
        if (q == null) return;
        setPaused(q, Queue.PAUSED_IN, (flags & Queue.PAUSED_IN) != 0);
        setPaused(q, Queue.PAUSED_OUT, (flags & Queue.PAUSED_OUT) != 0);
    }

    /** Changes one pause flag; clearing "out" wakes up blocked consumers. */
    public void setPaused(Queue q, int flag, boolean set) {
        int old = q.flags();
        q.setFlags(set ? (old | flag) : (old & ~flag));
        if ((old & Queue.PAUSED_OUT) != 0 && !q.pausedOut()) signalReady(q);
    }

    // ---------------------------------------------------------------- blocking

    public void block(Client c, List<ByteString> names) {
        for (ByteString name : names) lookupOrCreate(name).addWaiter(c);
        blockedClients++;
    }

    /** Removes the client from every queue it waits on. */
    public void unblock(Client c) {
        if (c.blocked() == null) return;
        for (ByteString name : c.blocked().queues()) {
            Queue q = queues.get(name);
            if (q != null) {
                q.removeWaiter(c);
                collectIfIdle(q, MAX_IDLE_SECONDS);
            }
        }
        blockedClients--;
    }

    private void signalReady(Queue q) {
        if (q.blockedCount() > 0) ready.add(q);
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * Serves clients blocked on queues that received jobs. The jobs are dealt
     * one at a time to the waiting clients in turn, longest waiting first,
     * each taking up to its GETJOB's COUNT: a batch of jobs arriving for
     * several waiting consumers is shared among them, and a consumer that
     * asked for many gets them in one reply, not one reply per job (the
     * original answers one job, whatever the COUNT). The callback gets each
     * client served with its jobs, to reply, unblock it and resume it.
     */
    public void serveReady(BiConsumer<Client, List<Job>> served) {
        while (!ready.isEmpty()) {
            List<Queue> batch = new ArrayList<>(ready);
            ready.clear();
            for (Queue q : batch) {
                if (queues.get(q.name()) != q || q.pausedOut() || q.blockedCount() == 0) continue;
                List<Client> waiters = q.waitersInOrder();
                // Each waiter's share, dealt one job at a time in turn; then each takes its share
                // (serving a client only unblocks it: nothing else takes jobs from q meanwhile).
                int[] share = new int[waiters.size()];
                int left = q.length();
                boolean more = true;
                while (left > 0 && more) {
                    more = false;
                    for (int i = 0; i < share.length && left > 0; i++) {
                        if (share[i] >= waiters.get(i).blocked().count()) continue;
                        share[i]++;
                        left--;
                        more = true;
                    }
                }
                for (int i = 0; i < share.length; i++) {
                    if (share[i] == 0) continue;
                    List<Job> jobs = new ArrayList<>(share[i]);
                    for (int k = 0; k < share[i]; k++) jobs.add(fetch(q));
                    served.accept(waiters.get(i), jobs);
                }
            }
        }
    }

    // ------------------------------------------------------------- collection

    /** Destroys the queue if it is empty, idle long enough, unpaused and unwatched. */
    public boolean collectIfIdle(Queue q, long maxIdleSeconds) {
        long idle = clock.seconds() - q.atime();
        if (idle < maxIdleSeconds) return false;
        if (q.blockedCount() > 0 || q.length() > 0 || (q.flags() & Queue.PAUSED_ALL) != 0) return false;
        queues.remove(q.name());
        ready.remove(q);
        return true;
    }

    /**
     * Samples queues and collects idle ones, stopping when few of the sampled
     * ones were collectable, or when it has run for a couple of milliseconds.
     */
    public int evictIdle(long maxIdleSeconds) {
        long start = System.nanoTime();
        int sampled = 0, evicted = 0;
        while (queues.size() > 0) {
            Queue q = queues.random(random);
            sampled++;
            if (collectIfIdle(q, maxIdleSeconds)) evicted++;
            if (sampled > 10 && evicted * 10 < sampled) break;
            if ((sampled + 1) % 1000 == 0 && System.nanoTime() - start > 2_000_000) break;
        }
        return evicted;
    }

    public long scan(long cursor, BiConsumer<ByteString, Queue> visitor) {
        return queues.scan(cursor, q -> visitor.accept(q.name(), q));
    }

    /** Forgets every queue (DEBUG FLUSHALL); blocked clients must be released first. */
    public void clear() {
        queues.clear();
        ready.clear();
        sharedNames.clear();
        lastShared = null;
    }
}
