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
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every Disque command, reactive (Project Reactor): nothing is sent until subscription, and each subscription sends
 * the command again. Single results are {@link Mono}s (empty where the synchronous API returns null), job lists are
 * {@link Flux}es. Errors are signalled as the typed exceptions of {@code dev.disque.client.error}.
 *
 * @param <K> queue name type
 * @param <V> job body type
 */
public interface DisqueReactiveCommands<K, V> {

    /**
     * ADDJOB with the server's defaults.
     *
     * @param queue the queue
     * @param body the job body
     * @return the job ID
     */
    Mono<String> addjob(K queue, V body);

    /**
     * ADDJOB.
     *
     * @param queue the queue
     * @param body the job body
     * @param args options (replication, delay, retry, TTL, MAXLEN, ASYNC, replication timeout)
     * @return the job ID
     */
    Mono<String> addjob(K queue, V body, AddJobArgs args);

    /**
     * GETJOB that blocks until one job is there.
     *
     * @param queues the queues to fetch from
     * @return the job (one)
     */
    @SuppressWarnings("unchecked")
    Flux<Job<K, V>> getjob(K... queues);

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
    Flux<Job<K, V>> getjob(GetJobArgs args, K... queues);

    /**
     * ACKJOB.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    Mono<Long> ackjob(String... ids);

    /**
     * FASTACK.
     *
     * @param ids job IDs
     * @return how many jobs were acknowledged
     */
    Mono<Long> fastack(String... ids);

    /**
     * NACK: queue the jobs again at once, counting a negative acknowledgement.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    Mono<Long> nack(String... ids);

    /**
     * WORKING: postpone the next delivery of a job by its retry time.
     *
     * @param id job ID
     * @return the seconds the delivery was postponed by
     */
    Mono<Long> working(String id);

    /**
     * ENQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were queued
     */
    Mono<Long> enqueue(String... ids);

    /**
     * DEQUEUE.
     *
     * @param ids job IDs
     * @return how many jobs were taken out of their queue
     */
    Mono<Long> dequeue(String... ids);

    /**
     * DELJOB.
     *
     * @param ids job IDs
     * @return how many jobs were deleted
     */
    Mono<Long> deljob(String... ids);

    /**
     * SHOW.
     *
     * @param id job ID
     * @return the job's description; empty if the node does not know it
     */
    Mono<JobInfo<K, V>> show(String id);

    /**
     * QLEN.
     *
     * @param queue the queue
     * @return its length
     */
    Mono<Long> qlen(K queue);

    /**
     * QPEEK.
     *
     * @param queue the queue
     * @param count how many jobs; negative for the newest ones
     * @return the jobs, not dequeued
     */
    Flux<Job<K, V>> qpeek(K queue, long count);

    /**
     * QSTAT.
     *
     * @param queue the queue
     * @return its statistics; empty if it does not exist
     */
    Mono<QueueStat<K>> qstat(K queue);

    /**
     * QSCAN from the start.
     *
     * @return the first step
     */
    Mono<KeyScanCursor<K>> qscan();

    /**
     * QSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    Mono<KeyScanCursor<K>> qscan(QScanArgs args);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    Mono<KeyScanCursor<K>> qscan(ScanCursor cursor);

    /**
     * QSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    Mono<KeyScanCursor<K>> qscan(ScanCursor cursor, QScanArgs args);

    /**
     * JSCAN from the start.
     *
     * @return the first step
     */
    Mono<JobScanCursor<K, V>> jscan();

    /**
     * JSCAN from the start.
     *
     * @param args options
     * @return the first step
     */
    Mono<JobScanCursor<K, V>> jscan(JScanArgs args);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @return the next step
     */
    Mono<JobScanCursor<K, V>> jscan(ScanCursor cursor);

    /**
     * JSCAN from a cursor.
     *
     * @param cursor the previous step
     * @param args options
     * @return the next step
     */
    Mono<JobScanCursor<K, V>> jscan(ScanCursor cursor, JScanArgs args);

    /**
     * PAUSE.
     *
     * @param queue the queue
     * @param args what to change ({@link PauseArgs#state()} to only read)
     * @return the queue's pause state afterwards
     */
    Mono<PauseState> pause(K queue, PauseArgs args);

    /**
     * HELLO.
     *
     * @return the node list with priorities
     */
    Mono<Hello> hello();

    /**
     * INFO.
     *
     * @return the default sections
     */
    Mono<String> info();

    /**
     * INFO section.
     *
     * @param section a section name ({@code jobs}, {@code all}, ...)
     * @return that section
     */
    Mono<String> info(String section);

    /**
     * PING.
     *
     * @return {@code PONG}
     */
    Mono<String> ping();

    /**
     * CLUSTER MEET.
     *
     * @param ip the other node's address
     * @param port its client port
     * @return {@code OK}
     */
    Mono<String> clusterMeet(String ip, int port);

    /**
     * CLUSTER NODES.
     *
     * @return one line per node
     */
    Mono<String> clusterNodes();

    /**
     * CLUSTER INFO.
     *
     * @return the cluster state lines
     */
    Mono<String> clusterInfo();

    /**
     * CLUSTER MYID.
     *
     * @return this node's ID
     */
    Mono<String> clusterMyId();

    /**
     * CLUSTER FORGET.
     *
     * @param nodeId the node to forget
     * @return {@code OK}
     */
    Mono<String> clusterForget(String nodeId);

    /**
     * CLUSTER LEAVING (query).
     *
     * @return true if the node is leaving the cluster
     */
    Mono<Boolean> clusterLeaving();

    /**
     * CLUSTER LEAVING yes|no.
     *
     * @param leaving true to leave the cluster
     * @return {@code OK}
     */
    Mono<String> clusterLeaving(boolean leaving);

    /**
     * CONFIG GET.
     *
     * @param pattern a glob over parameter names
     * @return parameter to value
     */
    Mono<Map<String, String>> configGet(String pattern);

    /**
     * CONFIG SET.
     *
     * @param parameter the parameter
     * @param value its new value
     * @return {@code OK}
     */
    Mono<String> configSet(String parameter, String value);

    /**
     * CONFIG REWRITE.
     *
     * @return {@code OK}
     */
    Mono<String> configRewrite();

    /**
     * CONFIG RESETSTAT.
     *
     * @return {@code OK}
     */
    Mono<String> configResetstat();

    /**
     * AUTH on the current connection; connections opened later use this password too.
     *
     * @param password the password
     * @return {@code OK}
     */
    Mono<String> auth(CharSequence password);

    /**
     * SHUTDOWN: the node stops; completes when it closed the connection.
     *
     * @return completes when the node closed the connection
     */
    Mono<Void> shutdown();

    /**
     * SHUTDOWN [REWRITE-AOF].
     *
     * @param rewriteAof true to rewrite the append-only file first
     * @return completes when the node closed the connection
     */
    Mono<Void> shutdown(boolean rewriteAof);

    /**
     * Sends any command as typed and returns the raw reply; error replies are returned as {@link Reply.Error}, not
     * raised.
     *
     * @param command the command name
     * @param args its arguments
     * @return the reply tree
     */
    Mono<Reply> dispatch(String command, String... args);

    /** @return the connection these commands run on */
    StatefulDisqueConnection<K, V> getStatefulConnection();

    /**
     * Walks QSCAN over every queue.
     *
     * @return every queue name
     */
    default Flux<K> qscanStream() {
        return qscanStream(null);
    }

    /**
     * Walks JSCAN over every job.
     *
     * @return every job ID
     */
    default Flux<String> jscanStream() {
        return jscanStream(null);
    }

    /**
     * Walks QSCAN from the start to the end.
     *
     * @param args options (null for none)
     * @return every queue name
     */
    Flux<K> qscanStream(QScanArgs args);

    /**
     * Walks JSCAN from the start to the end.
     *
     * @param args options (null for none)
     * @return every job ID
     */
    Flux<String> jscanStream(JScanArgs args);

    /**
     * A consumer stream with backpressure: fetches with GETJOB COUNT equal to the outstanding demand (never more),
     * each fetch on a blocking connection of its own; cancelling stops fetching. Acknowledge each job with
     * {@link #ackjob(String...)} (or NACK / WORKING). See {@link dev.disque.client.JobStream} for the options.
     *
     * @param queues the queues to consume
     * @return the jobs, as they arrive
     */
    @SuppressWarnings("unchecked")
    Flux<Job<K, V>> jobs(K... queues);
}
