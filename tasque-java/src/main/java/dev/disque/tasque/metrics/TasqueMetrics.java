/*
 * TasqueMetrics: worker events as Micrometer meters. Micrometer is an
 * optional dependency of tasque-java: only applications that create this
 * class need it on their class path.
 */
package dev.disque.tasque.metrics;

import dev.disque.tasque.DeadReason;
import dev.disque.tasque.Task;
import dev.disque.tasque.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Micrometer meters for a {@link dev.disque.tasque.Worker}, all tagged with {@code handler}:
 * <ul>
 * <li>{@code tasque.tasks.started}, {@code tasque.tasks.succeeded}, {@code tasque.tasks.failed} (also tagged
 * {@code exception}), {@code tasque.tasks.retried} (also {@code delayed}: true/false), {@code tasque.tasks.dead}
 * (also {@code reason}) counters;</li>
 * <li>{@code tasque.task.queue.wait} (EnqueueTime to start, when the producer wrote one) and {@code tasque.task.run}
 * (also {@code outcome}: success/failure) timers.</li>
 * </ul>
 *
 * <pre>{@code
 * Worker.builder(uri).handle(h).listener(new TasqueMetrics(registry)).build();
 * }</pre>
 */
public final class TasqueMetrics implements WorkerListener {
    private final MeterRegistry registry;
    private final Tags common;

    /**
     * @param registry where to register the meters
     */
    public TasqueMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * @param registry where to register the meters
     * @param tags extra tags for every meter (e.g. the application)
     */
    public TasqueMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.common = Tags.of(tags);
    }

    private Counter counter(String name, Task task, String... tags) {
        return Counter.builder(name).tags(common).tag("handler", task.name()).tags(tags).register(registry);
    }

    private Timer timer(String name, Task task, String... tags) {
        return Timer.builder(name).tags(common).tag("handler", task.name()).tags(tags).register(registry);
    }

    @Override
    public void taskStarted(Task task, Duration queueWait) {
        counter("tasque.tasks.started", task).increment();
        if (queueWait != null) timer("tasque.task.queue.wait", task).record(queueWait);
    }

    @Override
    public void taskSucceeded(Task task, Duration runTime) {
        counter("tasque.tasks.succeeded", task).increment();
        timer("tasque.task.run", task, "outcome", "success").record(runTime);
    }

    @Override
    public void taskFailed(Task task, Throwable error, Duration runTime) {
        counter("tasque.tasks.failed", task, "exception", error.getClass().getSimpleName()).increment();
        timer("tasque.task.run", task, "outcome", "failure").record(runTime);
    }

    @Override
    public void taskRetried(Task task, Duration delay) {
        counter("tasque.tasks.retried", task, "delayed", Boolean.toString(!delay.isZero())).increment();
    }

    @Override
    public void taskDeadLettered(Task task, DeadReason reason, Throwable error) {
        counter("tasque.tasks.dead", task, "reason", reason.wire()).increment();
    }
}
