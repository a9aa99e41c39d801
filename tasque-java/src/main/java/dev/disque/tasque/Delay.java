package dev.disque.tasque;

import java.time.Duration;
import java.util.Objects;

/** Submit a task to run later: {@code client.submit(task, Delay.of(Duration.ofMinutes(10)))}. */
public final class Delay implements SubmitOption {
    private final Duration delay;

    private Delay(Duration delay) {
        this.delay = delay;
    }

    /**
     * @param delay how long to wait before the task is queued; rounded up to whole seconds
     * @return the option
     */
    public static Delay of(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        return new Delay(delay);
    }

    /** @return the delay */
    public Duration duration() {
        return delay;
    }

    @Override
    public SubmitOptions applyTo(SubmitOptions options) {
        return options.withDelay(delay);
    }

    @Override
    public String toString() {
        return "Delay[" + delay + "]";
    }
}
