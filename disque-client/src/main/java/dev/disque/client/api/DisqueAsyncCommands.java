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
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanCursor;
import java.util.List;
import java.util.Map;

/**
 * Every Disque command, asynchronous: each method sends at once and returns a {@link RedisFuture} (a
 * {@link java.util.concurrent.CompletionStage}). Errors complete the future exceptionally with the typed exceptions
 * of {@code dev.disque.client.error}.
 *
 * @param <K> queue name type
 * @param <V> job body type
 */
public interface DisqueAsyncCommands<K, V> {

    /**
     * ADDJOB with the server's defaults.
     *
     * @param queue the queue
     * @param body the job body
     * @return the job ID
     */
    RedisFuture<String> addjob(K queue, V body);

    /**
     * ADDJOB.
     *
     * @param queue the queue
     * @param body the job body
     * @param args options (replication, delay, retry, TTL, MAXLEN, ASYNC, replication timeout)
     * @return the job ID
     */
    RedisFuture<String> addjob(K queue, V body, AddJobArgs args);

    /**
     * GETJOB that blocks until one job is there.
     *
     * @param queues the queues to fetch from
     * @return the jobs (one)
     */
    @SuppressWarnings("unchecked")
    RedisFuture<List<Job<K, V>>> getjob(K... queues);

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
    RedisFuture<List<Job<K, V>>> getjob(GetJobArgs args, K... queues);

    /**
     * ACKJOB.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    RedisFuture<Long> ackjob(String... ids);

    /**
     * FASTACK.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    RedisFuture<Long> fastack(String... ids);

    /**
     * NACK: queue the jobs again at once, counting a negative acknowledgement.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    RedisFuture<Long> nack(String... ids);

    /**
     * WORKING: postpone the next delivery of a job by its retry time.
     *
     * @param id job ID
     * @return the seconds the delivery was postponed by
     */
    RedisFuture<Long> working(String id);

    /**
     * ENQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    RedisFuture<Long> enqueue(String... ids);

    /**
     * DEQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were taken out of their queue
     */
    RedisFuture<Long> dequeue(String... ids);

    /**
     * DELJOB.
     *
     * @param ids job IDs
     * @return how many jobs were deleted
     */
    RedisFuture<Long> deljob(String... ids);

    /**
     * SHOW.
     *
     * @param id job ID
     * @return the job's description, or null if the node does not know it
     */
    RedisFuture<JobInfo<K, V>> show(String id);

    /**
     * QLEN.
     *
     * @param queue the queue
     * @return its length
     */
    RedisFuture<Long> qlen(K queue);

    /**
     * QPEEK.
     *
     * @param queue the queue
     * @param count how many jobs; negative for the newest ones
     * @return the jobs, not dequeued
     */
    RedisFuture<List<Job<K, V>>> qpeek(K queue, long count);

    /**
     * QSTAT.
     *
     * @param queue the queue
     * @return its statistics, or null if it does not exist
     */
    RedisFuture<QueueStat<K>> qstat(K queue);

    /**
     * QSCAN from the start.
     *
     * @return the first step
     */
    RedisFuture<KeyScanCursor<K>> qscan();

    /**
     * QSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    RedisFuture<KeyScanCursor<K>> qscan(QScanArgs args);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    RedisFuture<KeyScanCursor<K>> qscan(ScanCursor cursor);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    RedisFuture<KeyScanCursor<K>> qscan(ScanCursor cursor, QScanArgs args);

    /**
     * JSCAN from the start.
     *
     * @return the first step
     */
    RedisFuture<JobScanCursor<K, V>> jscan();

    /**
     * JSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    RedisFuture<JobScanCursor<K, V>> jscan(JScanArgs args);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    RedisFuture<JobScanCursor<K, V>> jscan(ScanCursor cursor);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    RedisFuture<JobScanCursor<K, V>> jscan(ScanCursor cursor, JScanArgs args);

    /**
     * PAUSE.
     *
     * @param queue the queue
     * @param args what to change ({@link PauseArgs#state()} to only read)
     * @return the queue's pause state afterwards
     */
    RedisFuture<PauseState> pause(K queue, PauseArgs args);

    /**
     * HELLO.
     *
     * @return the node list with priorities
     */
    RedisFuture<Hello> hello();

    /**
     * INFO.
     *
     * @return the default sections
     */
    RedisFuture<String> info();

    /**
     * INFO section.
     *
     * @param section a section name ({@code jobs}, {@code all}, ...)
     * @return that section
     */
    RedisFuture<String> info(String section);

    /**
     * PING.
     *
     * @return {@code PONG}
     */
    RedisFuture<String> ping();

    /**
     * CLUSTER MEET.
     *
     * @param ip the other node's address
     * @param port its client port
     * @return {@code OK}
     */
    RedisFuture<String> clusterMeet(String ip, int port);

    /**
     * CLUSTER NODES.
     *
     * @return one line per node
     */
    RedisFuture<String> clusterNodes();

    /**
     * CLUSTER INFO.
     *
     * @return the cluster state lines
     */
    RedisFuture<String> clusterInfo();

    /**
     * CLUSTER MYID.
     *
     * @return this node's ID
     */
    RedisFuture<String> clusterMyId();

    /**
     * CLUSTER FORGET.
     *
     * @param nodeId the node to forget
     * @return {@code OK}
     */
    RedisFuture<String> clusterForget(String nodeId);

    /**
     * CLUSTER LEAVING (query).
     *
     * @return true if the node is leaving the cluster
     */
    RedisFuture<Boolean> clusterLeaving();

    /**
     * CLUSTER LEAVING yes|no.
     *
     * @param leaving true to leave the cluster
     * @return {@code OK}
     */
    RedisFuture<String> clusterLeaving(boolean leaving);

    /**
     * CONFIG GET.
     *
     * @param pattern a glob over parameter names
     * @return parameter to value
     */
    RedisFuture<Map<String, String>> configGet(String pattern);

    /**
     * CONFIG SET.
     *
     * @param parameter the parameter
     * @param value its new value
     * @return {@code OK}
     */
    RedisFuture<String> configSet(String parameter, String value);

    /**
     * CONFIG REWRITE.
     *
     * @return {@code OK}
     */
    RedisFuture<String> configRewrite();

    /**
     * CONFIG RESETSTAT.
     *
     * @return {@code OK}
     */
    RedisFuture<String> configResetstat();

    /**
     * AUTH on the current connection; connections opened later use this password too.
     *
     * @param password the password
     * @return {@code OK}
     */
    RedisFuture<String> auth(CharSequence password);

    /**
     * SHUTDOWN: the node stops; completes when it closed the connection.
     *
     * @return completes on shutdown
     */
    RedisFuture<Void> shutdown();

    /**
     * SHUTDOWN [REWRITE-AOF].
     *
     * @param rewriteAof true to rewrite the append-only file first
     * @return completes on shutdown
     */
    RedisFuture<Void> shutdown(boolean rewriteAof);

    /**
     * Sends any command as typed and returns the raw reply; error replies are returned as {@link Reply.Error}, not
     * raised.
     *
     * @param command the command name
     * @param args its arguments
     * @return the reply tree
     */
    RedisFuture<Reply> dispatch(String command, String... args);

    /** @return the connection these commands run on */
    StatefulDisqueConnection<K, V> getStatefulConnection();
}
