/*
 * Schedule: a task to submit again and again, by a cron expression or at a
 * fixed rate, identified by a name that every worker registering it uses.
 *
 * The occurrences of a schedule are the same instants on every machine, so
 * that workers started at different moments agree on them: a cron
 * expression's matching minutes in its zone, and for a fixed rate the
 * multiples of the period since the Unix epoch (every 5 minutes is :00,
 * :05, :10 ..., every day is midnight UTC). The Scheduler relies on this to
 * merge the chains that workers racing to register may start.
 */
package dev.disque.tasque;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A recurring task, registered on workers with {@link Worker.Builder#schedule(Schedule)}.
 *
 * <pre>{@code
 * Schedule.cron("nightly-report", "0 3 * * *", Task.named("report").set("kind", "daily"))
 * Schedule.every("cleanup", Duration.ofMinutes(10), Task.named("cleanup"))
 * }</pre>
 *
 * <p>However many workers register it, and across their restarts, each occurrence submits the task once (at least
 * once: see the README for the one case of a duplicate).
 */
public final class Schedule {
    private final String id;
    private final Task task;
    private final CronExpression cron;
    private final ZoneId zone;
    private final Duration period;

    private Schedule(String id, Task task, CronExpression cron, ZoneId zone, Duration period) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("a schedule needs a name");
        Objects.requireNonNull(task, "task");
        if (task.isReceived()) throw new IllegalArgumentException("schedule a new task (Task.named or Task.of)");
        this.id = id;
        this.task = task;
        this.cron = cron;
        this.zone = zone;
        this.period = period;
    }

    /**
     * @param id the schedule's name: workers registering the same name share one chain of occurrences
     * @param expression five cron fields read in UTC, or a shorthand such as {@code @hourly}
     * @param task the task submitted at each occurrence
     * @return the schedule
     */
    public static Schedule cron(String id, String expression, Task task) {
        return cron(id, expression, ZoneOffset.UTC, task);
    }

    /**
     * @param id the schedule's name
     * @param expression five cron fields read in the zone's wall-clock time
     * @param zone the zone
     * @param task the task submitted at each occurrence
     * @return the schedule
     */
    public static Schedule cron(String id, String expression, ZoneId zone, Task task) {
        return new Schedule(id, task, CronExpression.parse(expression), Objects.requireNonNull(zone, "zone"), null);
    }

    /**
     * @param id the schedule's name
     * @param period whole seconds, at least one; occurrences are the multiples of it since the Unix epoch
     * @param task the task submitted at each occurrence
     * @return the schedule
     */
    public static Schedule every(String id, Duration period, Task task) {
        Objects.requireNonNull(period, "period");
        if (period.getNano() != 0 || period.getSeconds() < 1) {
            throw new IllegalArgumentException("a fixed rate is a whole number of seconds, at least 1: " + period);
        }
        return new Schedule(id, task, null, null, period);
    }

    /** @return the schedule's name */
    public String id() {
        return id;
    }

    /** @return the task submitted at each occurrence (a template: each submission is a new job) */
    public Task task() {
        return task;
    }

    /**
     * @param after a time
     * @return the first occurrence strictly after it
     */
    public Instant next(Instant after) {
        if (cron != null) return cron.next(after, zone);
        long p = period.getSeconds();
        long s = Math.floorDiv(after.getEpochSecond(), p) * p + p;
        return Instant.ofEpochSecond(s);
    }

    /** @return the queue of its occurrence jobs */
    String queue() {
        return Tasque.SCHEDULE_PREFIX + id;
    }

    @Override
    public String toString() {
        return "Schedule[" + id + ", " + (cron != null ? "cron '" + cron + "' " + zone : "every " + period) + ", "
                + task.name() + "]";
    }
}
