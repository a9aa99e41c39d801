/*
 * Message: every message nodes exchange on the cluster bus, one record per
 * type, as in the original's cluster protocol.
 *
 * Membership: PING, PONG and MEET carry gossip about a few known nodes;
 * FAIL spreads an agreed failure. Jobs: REPLJOB/GOTJOB make copies;
 * WILLQUEUE/QUEUED keep a single holder queueing a job; SETACK, GOTACK and
 * DELJOB acknowledge and delete it everywhere; ENQUEUE asks a holder to
 * queue it; WORKING postpones its requeue. Federation: NEEDJOBS asks for
 * jobs of a queue that has waiting consumers, YOURJOBS moves some. CHALLENGE/RESPONSE open a link
 * when the bus has a shared secret. BATCH carries a run of small messages
 * of one type behind one header. Every message travels in a Frame that
 * names its sender.
 */
package dev.disque.server.cluster.bus;

import dev.disque.server.job.JobId;
import java.util.List;

public sealed interface Message {

    /** What a PING/PONG/MEET says about one other node. */
    record Gossip(String id, String host, int port, int busPort, int flags) {
    }

    /** A full copy of a job, as REPLJOB carries it; the TTL travels as seconds left, so clocks may differ. */
    record JobCopy(JobId id, byte[] queue, byte[] body, int repl, long ctime, long ttlLeft, int delay, int retry,
                   int nacks, int deliveries, List<String> nodesDelivered) {
    }

    record Ping(List<Gossip> gossip) implements Message { }
    record Pong(List<Gossip> gossip) implements Message { }
    record Meet(List<Gossip> gossip) implements Message { }
    record Fail(String nodeId) implements Message { }

    /** A copy to store; noReply: the sender needs no GOTJOB (ASYNC, or an update of the holders list). */
    record ReplJob(JobCopy job, boolean noReply) implements Message { }
    record GotJob(JobId jobId) implements Message { }
    record WillQueue(JobId jobId) implements Message { }
    /** The sender queued the job; counter says which counter the requeue bumps (COUNT_*). */
    record Queued(JobId jobId, int counter) implements Message {
        public static final int COUNT_NONE = 0;
        public static final int COUNT_NACKS = 1;
        public static final int COUNT_DELIVERIES = 2;
    }
    /** The sender has the job acked; mayHave is how many nodes it thinks may hold a copy. */
    record SetAck(JobId jobId, int mayHave) implements Message { }
    /** Answer to SETACK; known tells whether the receiver had the job. */
    record GotAck(JobId jobId, boolean known) implements Message { }
    record DelJob(JobId jobId) implements Message { }
    /** Queue the job (after delay seconds): the sender holds no copy of its own. */
    record Enqueue(JobId jobId, int delay) implements Message { }
    record Working(JobId jobId) implements Message { }
    /** The sender has consumers waiting on the queue: send it up to count jobs. */
    record NeedJobs(byte[] queue, int count) implements Message { }
    /** Set the queue's pause flags (Queue.PAUSED_IN / PAUSED_OUT) to exactly these: PAUSE ... BCAST. */
    record Pause(byte[] queue, int flags) implements Message { }
    /** Jobs moved to the receiver's queue, answering NEEDJOBS. */
    record YourJobs(List<JobCopy> jobs) implements Message { }

    /** Several messages of one batchable type from the same sender (MessageCodec.batchable), in order. */
    record Batch(List<Message> messages) implements Message { }

    /** Opens an authenticated link: a random nonce the peer must sign with the shared secret. */
    record Challenge(byte[] nonce) implements Message { }
    /** The signature of the peer's nonce. */
    record Response(byte[] mac) implements Message { }
}
