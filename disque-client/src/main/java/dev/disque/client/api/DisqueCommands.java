package dev.disque.client.api;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.model.Hello;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobScanCursor;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.QueueStat;
import dev.disque.client.model.Reply;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import dev.disque.client.impl.CursorIterator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every Disque command, synchronous: each method waits for its reply. Errors are thrown as the typed exceptions of
 * {@code dev.disque.client.error}; a command that gets no reply in time throws Lettuce's
 * {@link io.lettuce.core.RedisCommandTimeoutException}.
 *
 * @param <K> queue name type
 * @param <V> job body type
 */
public interface DisqueCommands<K, V> {

    /**
     * ADDJOB with the server's defaults.
     *
     * @param queue the queue
     * @param body the job body
     * @return the job ID
     */
    String addjob(K queue, V body);

    /**
     * ADDJOB.
     *
     * @param queue the queue
     * @param body the job body
     * @param args options (replication, delay, retry, TTL, MAXLEN, ASYNC, replication timeout)
     * @return the job ID
     */
    String addjob(K queue, V body, AddJobArgs args);

    /**
     * GETJOB that blocks until one job is there.
     *
     * @param queues the queues to fetch from
     * @return the jobs (one)
     */
    @SuppressWarnings("unchecked")
    List<Job<K, V>> getjob(K... queues);

    /**
     * GETJOB. A blocking fetch (no NOHANG) runs on a connection of its own and waits as long as the server may
     * (its TIMEOUT plus the command timeout, or without limit); a fetch that times out on the server returns an
     * empty list.
     *
     * @param args options (NOHANG, TIMEOUT, COUNT, WITHCOUNTERS)
     * @param queues the queues to fetch from
     * @return the jobs, possibly none
     */
    @SuppressWarnings("unchecked")
    List<Job<K, V>> getjob(GetJobArgs args, K... queues);

    /**
     * ACKJOB.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    Long ackjob(String... ids);

    /**
     * FASTACK.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    Long fastack(String... ids);

    /**
     * NACK: queue the jobs again at once, counting a negative acknowledgement.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    Long nack(String... ids);

    /**
     * WORKING: postpone the next delivery of a job by its retry time.
     *
     * @param id job ID
     * @return the seconds the delivery was postponed by
     */
    Long working(String id);

    /**
     * ENQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    Long enqueue(String... ids);

    /**
     * DEQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were taken out of their queue
     */
    Long dequeue(String... ids);

    /**
     * DELJOB.
     *
     * @param ids job IDs
     * @return how many jobs were deleted
     */
    Long deljob(String... ids);

    /**
     * SHOW.
     *
     * @param id job ID
     * @return the job's description, or null if the node does not know it
     */
    JobInfo<K, V> show(String id);

    /**
     * QLEN.
     *
     * @param queue the queue
     * @return its length
     */
    Long qlen(K queue);

    /**
     * QPEEK.
     *
     * @param queue the queue
     * @param count how many jobs; negative for the newest ones
     * @return the jobs, not dequeued
     */
    List<Job<K, V>> qpeek(K queue, long count);

    /**
     * QSTAT.
     *
     * @param queue the queue
     * @return its statistics, or null if it does not exist
     */
    QueueStat<K> qstat(K queue);

    /**
     * QSCAN from the start.
     *
     * @return the first step
     */
    KeyScanCursor<K> qscan();

    /**
     * QSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    KeyScanCursor<K> qscan(QScanArgs args);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    KeyScanCursor<K> qscan(ScanCursor cursor);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    KeyScanCursor<K> qscan(ScanCursor cursor, QScanArgs args);

    /**
     * JSCAN from the start.
     *
     * @return the first step
     */
    JobScanCursor<K, V> jscan();

    /**
     * JSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    JobScanCursor<K, V> jscan(JScanArgs args);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    JobScanCursor<K, V> jscan(ScanCursor cursor);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    JobScanCursor<K, V> jscan(ScanCursor cursor, JScanArgs args);

    /**
     * PAUSE.
     *
     * @param queue the queue
     * @param args what to change ({@link PauseArgs#state()} to only read)
     * @return the queue's pause state afterwards
     */
    PauseState pause(K queue, PauseArgs args);

    /**
     * HELLO.
     *
     * @return the node list with priorities
     */
    Hello hello();

    /**
     * INFO.
     *
     * @return the default sections
     */
    String info();

    /**
     * INFO section.
     *
     * @param section a section name ({@code jobs}, {@code all}, ...)
     * @return that section
     */
    String info(String section);

    /**
     * PING.
     *
     * @return {@code PONG}
     */
    String ping();

    /**
     * CLUSTER MEET.
     *
     * @param ip the other node's address
     * @param port its client port
     * @return {@code OK}
     */
    String clusterMeet(String ip, int port);

    /**
     * CLUSTER NODES.
     *
     * @return one line per node
     */
    String clusterNodes();

    /**
     * CLUSTER INFO.
     *
     * @return the cluster state lines
     */
    String clusterInfo();

    /**
     * CLUSTER MYID.
     *
     * @return this node's ID
     */
    String clusterMyId();

    /**
     * CLUSTER FORGET.
     *
     * @param nodeId the node to forget
     * @return {@code OK}
     */
    String clusterForget(String nodeId);

    /**
     * CLUSTER LEAVING (query).
     *
     * @return true if the node is leaving the cluster
     */
    Boolean clusterLeaving();

    /**
     * CLUSTER LEAVING yes|no.
     *
     * @param leaving true to leave the cluster
     * @return {@code OK}
     */
    String clusterLeaving(boolean leaving);

    /**
     * CONFIG GET.
     *
     * @param pattern a glob over parameter names
     * @return parameter to value
     */
    Map<String, String> configGet(String pattern);

    /**
     * CONFIG SET.
     *
     * @param parameter the parameter
     * @param value its new value
     * @return {@code OK}
     */
    String configSet(String parameter, String value);

    /**
     * CONFIG REWRITE.
     *
     * @return {@code OK}
     */
    String configRewrite();

    /**
     * CONFIG RESETSTAT.
     *
     * @return {@code OK}
     */
    String configResetstat();

    /**
     * AUTH on the current connection; connections opened later use this password too.
     *
     * @param password the password
     * @return {@code OK}
     */
    String auth(CharSequence password);

    /**
     * SHUTDOWN: the node stops; returns when it closed the connection.
     *
     */
    void shutdown();

    /**
     * SHUTDOWN [REWRITE-AOF].
     *
     * @param rewriteAof true to rewrite the append-only file first
     */
    void shutdown(boolean rewriteAof);

    /**
     * Sends any command as typed and returns the raw reply; error replies are returned as {@link Reply.Error}, not
     * raised.
     *
     * @param command the command name
     * @param args its arguments
     * @return the reply tree
     */
    Reply dispatch(String command, String... args);

    /** @return the connection these commands run on */
    StatefulDisqueConnection<K, V> getStatefulConnection();
    /**
     * Walks QSCAN over every queue, one call per step as the iterator advances.
     *
     * @return every queue name
     */
    default Iterator<K> qscanIterator() {
        return qscanIterator(null);
    }

    /**
     * Walks QSCAN from the start to the end, one call per step as the iterator advances.
     *
     * @param args options (null for none)
     * @return every queue name
     */
    default Iterator<K> qscanIterator(QScanArgs args) {
        return new CursorIterator<>(c -> {
            KeyScanCursor<K> step = c == null ? qscan(args == null ? new QScanArgs() : args)
                    : qscan(c, args == null ? new QScanArgs() : args);
            return new CursorIterator.Step<>(step, step.getKeys());
        });
    }

    /**
     * Walks JSCAN over every job, one call per step as the iterator advances.
     *
     * @return every job ID
     */
    default Iterator<String> jscanIterator() {
        return jscanIterator(null);
    }

    /**
     * Walks JSCAN from the start to the end, one call per step as the iterator advances.
     *
     * @param args options (null for none)
     * @return every job ID
     */
    default Iterator<String> jscanIterator(JScanArgs args) {
        return new CursorIterator<>(c -> {
            JobScanCursor<K, V> step = c == null ? jscan(args == null ? new JScanArgs() : args)
                    : jscan(c, args == null ? new JScanArgs() : args);
            return new CursorIterator.Step<>(step, step.getIds());
        });
    }
}
