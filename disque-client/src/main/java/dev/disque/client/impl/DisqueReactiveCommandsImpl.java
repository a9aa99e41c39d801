package dev.disque.client.impl;

import dev.disque.client.JobStream;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.api.DisqueReactiveCommands;
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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive API: each subscription builds the command and runs it through the {@link NodeRouter}; cancelling
 * a subscription cancels the command (a blocking GETJOB's connection is closed, which unblocks the server).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class DisqueReactiveCommandsImpl<K, V> implements DisqueReactiveCommands<K, V> {
    private final StatefulDisqueConnection<K, V> connection;
    private final NodeRouter<K, V> router;
    private final DisqueCommandBuilder<K, V> builder;

    /**
     * @param connection the connection
     * @param router the router
     * @param builder the command builder
     */
    public DisqueReactiveCommandsImpl(StatefulDisqueConnection<K, V> connection, NodeRouter<K, V> router,
            DisqueCommandBuilder<K, V> builder) {
        this.connection = connection;
        this.router = router;
        this.builder = builder;
    }

    private <T> Mono<T> mono(Supplier<Spec<K, V, T>> spec) {
        return Mono.defer(() -> Mono.fromFuture(router.execute(spec.get())));
    }

    private Flux<Job<K, V>> jobsOf(Supplier<Spec<K, V, List<Job<K, V>>>> spec) {
        return mono(spec).flatMapIterable(l -> l);
    }

    @Override
    public Mono<String> addjob(K queue, V body) {
        return mono(() -> builder.addjob(queue, body, null));
    }

    @Override
    public Mono<String> addjob(K queue, V body, AddJobArgs args) {
        return mono(() -> builder.addjob(queue, body, args));
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
    public final Flux<Job<K, V>> getjob(K... queues) {
        return jobsOf(() -> builder.getjob(null, queues));
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
    public final Flux<Job<K, V>> getjob(GetJobArgs args, K... queues) {
        return jobsOf(() -> builder.getjob(args, queues));
    }

    @Override
    public Mono<Long> ackjob(String... ids) {
        return mono(() -> builder.ids(CommandType.ACKJOB, ids));
    }

    @Override
    public Mono<Long> fastack(String... ids) {
        return mono(() -> builder.ids(CommandType.FASTACK, ids));
    }

    @Override
    public Mono<Long> nack(String... ids) {
        return mono(() -> builder.ids(CommandType.NACK, ids));
    }

    @Override
    public Mono<Long> working(String id) {
        return mono(() -> builder.working(id));
    }

    @Override
    public Mono<Long> enqueue(String... ids) {
        return mono(() -> builder.ids(CommandType.ENQUEUE, ids));
    }

    @Override
    public Mono<Long> dequeue(String... ids) {
        return mono(() -> builder.ids(CommandType.DEQUEUE, ids));
    }

    @Override
    public Mono<Long> deljob(String... ids) {
        return mono(() -> builder.ids(CommandType.DELJOB, ids));
    }

    @Override
    public Mono<JobInfo<K, V>> show(String id) {
        return mono(() -> builder.show(id));
    }

    @Override
    public Mono<Long> qlen(K queue) {
        return mono(() -> builder.qlen(queue));
    }

    @Override
    public Flux<Job<K, V>> qpeek(K queue, long count) {
        return jobsOf(() -> builder.qpeek(queue, count));
    }

    @Override
    public Mono<QueueStat<K>> qstat(K queue) {
        return mono(() -> builder.qstat(queue));
    }

    @Override
    public Mono<KeyScanCursor<K>> qscan() {
        return mono(() -> builder.qscan(null, null));
    }

    @Override
    public Mono<KeyScanCursor<K>> qscan(QScanArgs args) {
        return mono(() -> builder.qscan(null, args));
    }

    @Override
    public Mono<KeyScanCursor<K>> qscan(ScanCursor cursor) {
        return mono(() -> builder.qscan(cursor, null));
    }

    @Override
    public Mono<KeyScanCursor<K>> qscan(ScanCursor cursor, QScanArgs args) {
        return mono(() -> builder.qscan(cursor, args));
    }

    @Override
    public Mono<JobScanCursor<K, V>> jscan() {
        return mono(() -> builder.jscan(null, null));
    }

    @Override
    public Mono<JobScanCursor<K, V>> jscan(JScanArgs args) {
        return mono(() -> builder.jscan(null, args));
    }

    @Override
    public Mono<JobScanCursor<K, V>> jscan(ScanCursor cursor) {
        return mono(() -> builder.jscan(cursor, null));
    }

    @Override
    public Mono<JobScanCursor<K, V>> jscan(ScanCursor cursor, JScanArgs args) {
        return mono(() -> builder.jscan(cursor, args));
    }

    @Override
    public Mono<PauseState> pause(K queue, PauseArgs args) {
        return mono(() -> builder.pause(queue, args));
    }

    @Override
    public Mono<Hello> hello() {
        return mono(builder::hello);
    }

    @Override
    public Mono<String> info() {
        return mono(() -> builder.info(null));
    }

    @Override
    public Mono<String> info(String section) {
        return mono(() -> builder.info(section));
    }

    @Override
    public Mono<String> ping() {
        return mono(builder::ping);
    }

    @Override
    public Mono<String> clusterMeet(String ip, int port) {
        return mono(() -> builder.cluster("MEET", ip, Integer.toString(port)));
    }

    @Override
    public Mono<String> clusterNodes() {
        return mono(() -> builder.cluster("NODES").retry(Spec.Retry.SAFE));
    }

    @Override
    public Mono<String> clusterInfo() {
        return mono(() -> builder.cluster("INFO").retry(Spec.Retry.SAFE));
    }

    @Override
    public Mono<String> clusterMyId() {
        return mono(() -> builder.cluster("MYID"));
    }

    @Override
    public Mono<String> clusterForget(String nodeId) {
        return mono(() -> builder.cluster("FORGET", nodeId));
    }

    @Override
    public Mono<Boolean> clusterLeaving() {
        return mono(builder::clusterLeaving);
    }

    @Override
    public Mono<String> clusterLeaving(boolean leaving) {
        return mono(() -> builder.cluster("LEAVING", leaving ? "yes" : "no"));
    }

    @Override
    public Mono<Map<String, String>> configGet(String pattern) {
        return mono(() -> builder.configGet(pattern));
    }

    @Override
    public Mono<String> configSet(String parameter, String value) {
        return mono(() -> builder.config("SET", parameter, value));
    }

    @Override
    public Mono<String> configRewrite() {
        return mono(() -> builder.config("REWRITE"));
    }

    @Override
    public Mono<String> configResetstat() {
        return mono(() -> builder.config("RESETSTAT"));
    }

    @Override
    public Mono<String> auth(CharSequence password) {
        char[] pw = password.toString().toCharArray();
        return mono(() -> builder.auth(password)).doOnNext(ok -> router.setPassword(pw));
    }

    @Override
    public Mono<Void> shutdown() {
        return mono(() -> builder.shutdown(false));
    }

    @Override
    public Mono<Void> shutdown(boolean rewriteAof) {
        return mono(() -> builder.shutdown(rewriteAof));
    }

    @Override
    public Mono<Reply> dispatch(String command, String... args) {
        return mono(() -> builder.dispatch(command, args));
    }

    @Override
    public StatefulDisqueConnection<K, V> getStatefulConnection() {
        return connection;
    }

    @Override
    public Flux<K> qscanStream(QScanArgs args) {
        QScanArgs a = args == null ? new QScanArgs() : args;
        return qscan(a).expand(c -> c.isFinished() ? Mono.empty() : qscan(c, a))
                .concatMapIterable(KeyScanCursor::getKeys);
    }

    @Override
    public Flux<String> jscanStream(JScanArgs args) {
        JScanArgs a = args == null ? new JScanArgs() : args;
        return jscan(a).expand(c -> c.isFinished() ? Mono.empty() : jscan(c, a))
                .concatMapIterable(JobScanCursor::getIds);
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
    public final Flux<Job<K, V>> jobs(K... queues) {
        return JobStream.builder(connection).queues(queues).build().flux();
    }
}
