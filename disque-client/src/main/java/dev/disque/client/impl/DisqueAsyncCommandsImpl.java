package dev.disque.client.impl;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.api.DisqueAsyncCommands;
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
 * The async API: builds each command and hands it to the {@link NodeRouter}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class DisqueAsyncCommandsImpl<K, V> implements DisqueAsyncCommands<K, V> {
    private final StatefulDisqueConnection<K, V> connection;
    private final NodeRouter<K, V> router;
    private final DisqueCommandBuilder<K, V> builder;

    /**
     * @param connection the connection (for {@link #getStatefulConnection()})
     * @param router the router
     * @param builder the command builder
     */
    public DisqueAsyncCommandsImpl(StatefulDisqueConnection<K, V> connection, NodeRouter<K, V> router,
            DisqueCommandBuilder<K, V> builder) {
        this.connection = connection;
        this.router = router;
        this.builder = builder;
    }

    private <T> RedisFuture<T> run(Spec<K, V, T> spec) {
        return DisqueFuture.of(router.execute(spec));
    }

    @Override
    public RedisFuture<String> addjob(K queue, V body) {
        return run(builder.addjob(queue, body, null));
    }

    @Override
    public RedisFuture<String> addjob(K queue, V body, AddJobArgs args) {
        return run(builder.addjob(queue, body, args));
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
    public final RedisFuture<List<Job<K, V>>> getjob(K... queues) {
        return run(builder.getjob(null, queues));
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
    public final RedisFuture<List<Job<K, V>>> getjob(GetJobArgs args, K... queues) {
        return run(builder.getjob(args, queues));
    }

    @Override
    public RedisFuture<Long> ackjob(String... ids) {
        return run(builder.ids(CommandType.ACKJOB, ids));
    }

    @Override
    public RedisFuture<Long> fastack(String... ids) {
        return run(builder.ids(CommandType.FASTACK, ids));
    }

    @Override
    public RedisFuture<Long> nack(String... ids) {
        return run(builder.ids(CommandType.NACK, ids));
    }

    @Override
    public RedisFuture<Long> working(String id) {
        return run(builder.working(id));
    }

    @Override
    public RedisFuture<Long> enqueue(String... ids) {
        return run(builder.ids(CommandType.ENQUEUE, ids));
    }

    @Override
    public RedisFuture<Long> dequeue(String... ids) {
        return run(builder.ids(CommandType.DEQUEUE, ids));
    }

    @Override
    public RedisFuture<Long> deljob(String... ids) {
        return run(builder.ids(CommandType.DELJOB, ids));
    }

    @Override
    public RedisFuture<JobInfo<K, V>> show(String id) {
        return run(builder.show(id));
    }

    @Override
    public RedisFuture<Long> qlen(K queue) {
        return run(builder.qlen(queue));
    }

    @Override
    public RedisFuture<List<Job<K, V>>> qpeek(K queue, long count) {
        return run(builder.qpeek(queue, count));
    }

    @Override
    public RedisFuture<QueueStat<K>> qstat(K queue) {
        return run(builder.qstat(queue));
    }

    @Override
    public RedisFuture<KeyScanCursor<K>> qscan() {
        return run(builder.qscan(null, null));
    }

    @Override
    public RedisFuture<KeyScanCursor<K>> qscan(QScanArgs args) {
        return run(builder.qscan(null, args));
    }

    @Override
    public RedisFuture<KeyScanCursor<K>> qscan(ScanCursor cursor) {
        return run(builder.qscan(cursor, null));
    }

    @Override
    public RedisFuture<KeyScanCursor<K>> qscan(ScanCursor cursor, QScanArgs args) {
        return run(builder.qscan(cursor, args));
    }

    @Override
    public RedisFuture<JobScanCursor<K, V>> jscan() {
        return run(builder.jscan(null, null));
    }

    @Override
    public RedisFuture<JobScanCursor<K, V>> jscan(JScanArgs args) {
        return run(builder.jscan(null, args));
    }

    @Override
    public RedisFuture<JobScanCursor<K, V>> jscan(ScanCursor cursor) {
        return run(builder.jscan(cursor, null));
    }

    @Override
    public RedisFuture<JobScanCursor<K, V>> jscan(ScanCursor cursor, JScanArgs args) {
        return run(builder.jscan(cursor, args));
    }

    @Override
    public RedisFuture<PauseState> pause(K queue, PauseArgs args) {
        return run(builder.pause(queue, args));
    }

    @Override
    public RedisFuture<Hello> hello() {
        return run(builder.hello());
    }

    @Override
    public RedisFuture<String> info() {
        return run(builder.info(null));
    }

    @Override
    public RedisFuture<String> info(String section) {
        return run(builder.info(section));
    }

    @Override
    public RedisFuture<String> ping() {
        return run(builder.ping());
    }

    @Override
    public RedisFuture<String> clusterMeet(String ip, int port) {
        return run(builder.cluster("MEET", ip, Integer.toString(port)));
    }

    @Override
    public RedisFuture<String> clusterNodes() {
        return run(builder.cluster("NODES").retry(Spec.Retry.SAFE));
    }

    @Override
    public RedisFuture<String> clusterInfo() {
        return run(builder.cluster("INFO").retry(Spec.Retry.SAFE));
    }

    @Override
    public RedisFuture<String> clusterMyId() {
        return run(builder.cluster("MYID"));
    }

    @Override
    public RedisFuture<String> clusterForget(String nodeId) {
        return run(builder.cluster("FORGET", nodeId));
    }

    @Override
    public RedisFuture<Boolean> clusterLeaving() {
        return run(builder.clusterLeaving());
    }

    @Override
    public RedisFuture<String> clusterLeaving(boolean leaving) {
        return run(builder.cluster("LEAVING", leaving ? "yes" : "no"));
    }

    @Override
    public RedisFuture<Map<String, String>> configGet(String pattern) {
        return run(builder.configGet(pattern));
    }

    @Override
    public RedisFuture<String> configSet(String parameter, String value) {
        return run(builder.config("SET", parameter, value));
    }

    @Override
    public RedisFuture<String> configRewrite() {
        return run(builder.config("REWRITE"));
    }

    @Override
    public RedisFuture<String> configResetstat() {
        return run(builder.config("RESETSTAT"));
    }

    @Override
    public RedisFuture<String> auth(CharSequence password) {
        char[] pw = password.toString().toCharArray();
        return DisqueFuture.of(router.execute(builder.auth(password)).thenApply(ok -> {
            router.setPassword(pw);
            return ok;
        }));
    }

    @Override
    public RedisFuture<Void> shutdown() {
        return run(builder.shutdown(false));
    }

    @Override
    public RedisFuture<Void> shutdown(boolean rewriteAof) {
        return run(builder.shutdown(rewriteAof));
    }

    @Override
    public RedisFuture<Reply> dispatch(String command, String... args) {
        return run(builder.dispatch(command, args));
    }

    @Override
    public StatefulDisqueConnection<K, V> getStatefulConnection() {
        return connection;
    }
}
