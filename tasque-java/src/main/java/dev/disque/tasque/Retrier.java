/*
 * Retrier: what happens to a task whose handler failed, and to jobs that
 * cannot run at all (Sidekiq's "retry").
 *
 *   last attempt used            -> dead letters (MAX_ATTEMPTS)
 *   else the retry policy says:
 *     dead-letter                -> dead letters, with its reason
 *     retry now                  -> NACK (an at-most-once job, which NACK
 *                                   cannot requeue, goes to the dead letters)
 *     retry after a delay        -> ADDJOB of a copy with DELAY and
 *                                   Meta.Attempt+1, then ACKJOB of this one
 *                                   (an at-most-once job, or one whose TTL
 *                                   ends before the delay: dead letters)
 *
 * Every step writes before it deletes: the dead letter or the retry copy
 * is added before the job is acknowledged, and when that write fails the
 * job is left alone, so Disque delivers it again after its retry time and
 * no failure loses a task. Each outcome is logged by the FailureLog
 * (a retried attempt at WARNING, a dead letter at ERROR, by default).
 */
package dev.disque.tasque;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.tasque.json.JsonException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

final class Retrier {
    private static final System.Logger log = System.getLogger(Worker.class.getName());
    private static final long SERVER_DEFAULT_TTL = TasqueClient.SERVER_DEFAULT_TTL_SECONDS;

    private final WorkerCore core;

    Retrier(WorkerCore core) {
        this.core = core;
    }

    /** The handler of attempt {@code attempt} failed with {@code error}: retry or dead-letter. */
    void failed(Registration reg, Job<String, String> job, Task task, int attempt, Throwable error) {
        RetryDecision decision;
        if (attempt >= reg.maxAttempts) {
            decision = RetryDecision.deadLetter(DeadReason.MAX_ATTEMPTS);
        } else {
            try {
                decision = Objects.requireNonNull(reg.policy.decide(task, error), "retry decision");
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: the retry policy failed; retrying with the default backoff", e);
                decision = RetryDecision.retryAfter(Backoff.defaults().delay(attempt));
            }
        }
        if (decision.isDeadLetter()) {
            deadLetter(job, task, decision.deadReason(), error);
        } else if (decision.delay().isZero()) {
            // Logged before the NACK: the next attempt may start as soon as the server has it, and its lines must
            // come after this one.
            core.failureLog.retried(task, attempt, reg.maxAttempts, "retrying now", error);
            try {
                if (core.commands.sync().nack(job.id()) > 0) {
                    core.fire(l -> l.taskRetried(task, Duration.ZERO));
                    core.counters.retried.increment();
                } else {
                    notRequeued(job, task, error);
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: NACK of " + job.id() + " failed; Disque will deliver it again: " + e);
            }
        } else {
            retryLater(reg, job, task, attempt, decision.delay(), error);
        }
    }

    /**
     * NACK did not queue the job again: it is an at-most-once job (RETRY 0), which Disque never delivers twice,
     * or it is gone (acknowledged by another delivery, deleted, expired). The first goes to the dead letters.
     */
    private void notRequeued(Job<String, String> job, Task task, Throwable error) {
        JobInfo<String, String> info = core.commands.sync().show(job.id());
        if (info != null && info.retry() == 0) {
            deadLetter(job, task, DeadReason.NON_RETRYABLE, error);
        } else {
            log.log(Level.INFO, "tasque: task " + task.name() + " (" + job.id() + ") failed but the job is gone "
                    + "(acknowledged elsewhere or deleted); nothing to retry: " + error);
        }
    }

    /** A delayed retry: a new job with DELAY and the next attempt number, then ACKJOB of this one. */
    private void retryLater(Registration reg, Job<String, String> job, Task task, int attempt, Duration delay, Throwable error) {
        long delaySec = SubmitOptions.seconds(delay);
        JobInfo<String, String> info = null;
        try {
            info = core.commands.sync().show(job.id());
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, () -> "tasque: SHOW " + job.id() + " failed: " + e);
        }
        AddJobArgs args = new AddJobArgs().timeout(core.settings.enqueueTimeout()).delay(delaySec);
        if (info != null) {
            if (info.retry() == 0) {
                // At-most-once: the producer asked for no second delivery.
                deadLetter(job, task, DeadReason.NON_RETRYABLE, error);
                return;
            }
            if (info.ttl() <= delaySec) {
                deadLetter(job, task, DeadReason.EXPIRING, error);
                return;
            }
            args.ttl(info.ttl()).retry(info.retry());
        } else {
            args.ttl(delaySec + SERVER_DEFAULT_TTL);
        }
        TaskMeta m = task.meta();
        OffsetDateTime first = m.firstEnqueueTime() != null ? m.firstEnqueueTime() : task.rawEnqueueTime();
        TaskMeta next = new TaskMeta(attempt + 1, task.originalJobId(), first, DeadLetters.errorText(error),
                null, null, null, null);
        String body = TaskCodec.encode(task.name(), task.rawParams(), task.paramsNull(), core.now(), next);
        try {
            String id = core.commands.sync().addjob(job.queue(), body, args);
            core.failureLog.retried(task, attempt, reg.maxAttempts, "retrying in " + delaySec + " s as " + id, error);
            core.ack(job.id());
            core.fire(l -> l.taskRetried(task, Duration.ofSeconds(delaySec)));
            core.counters.retried.increment();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "tasque: could not re-add " + job.id() + " for a delayed retry; Disque will "
                    + "deliver it again after its retry time: " + e + " (the task failed with: " + error + ")");
        }
    }

    /** Moves a decoded task to its dead-letter queue. */
    void deadLetter(Job<String, String> job, Task task, DeadReason reason, Throwable error) {
        String body = DeadLetters.deadBody(task, task.attempt(), reason, error, core.now());
        if (addDead(job, task.name(), body)) {
            core.failureLog.deadLettered(task.name(), job.id(), task.attempt(), reason, error);
            core.fire(l -> l.taskDeadLettered(task, reason, error));
            core.counters.deadLettered.increment();
        }
    }

    /** Moves a body that is not a task, found in the queue of {@code reg}, to that name's dead-letter queue. */
    void undecodable(Registration reg, Job<String, String> job, JsonException e) {
        String body = DeadLetters.undecodableBody(reg.name, job.id(), job.body(), e, core.now());
        if (addDead(job, reg.name, body)) {
            core.failureLog.deadLettered(reg.name, job.id(), 1, DeadReason.UNDECODABLE, e);
            Task stub = Task.decoded(reg.name, null, null, TaskMeta.NONE);
            stub.attach(job.id(), job.queue(), job.nacks(), job.additionalDeliveries());
            core.fire(l -> l.taskDeadLettered(stub, DeadReason.UNDECODABLE, e));
            core.counters.deadLettered.increment();
        }
    }

    /** Writes the dead letter, then acknowledges the job; on failure leaves the job to Disque's redelivery. */
    private boolean addDead(Job<String, String> job, String name, String body) {
        try {
            AddJobArgs args = new AddJobArgs().timeout(core.settings.enqueueTimeout())
                    .ttl(SubmitOptions.seconds(core.settings.deadLetterTtl()));
            core.commands.sync().addjob(Tasque.deadQueueName(name), body, args);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "tasque: could not write the dead letter of " + job.id() + "; Disque will deliver "
                    + "it again after its retry time: " + e);
            return false;
        }
        try {
            core.ack(job.id());
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "tasque: acknowledging dead-lettered " + job.id() + " failed: " + e);
        }
        return true;
    }
}
