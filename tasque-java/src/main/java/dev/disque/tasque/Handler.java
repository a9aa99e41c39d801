/*
 * Handler: the code that runs a named task, as a lambda or a class (Go
 * tasque's TaskHandler / FuncHandler).
 */
package dev.disque.tasque;

import java.util.Objects;

/**
 * Handles tasks of one name. Returning normally means success (the job is acknowledged); throwing anything (an
 * {@link Error} included) is a failure, retried with backoff and dead-lettered after the last attempt.
 *
 * <pre>{@code
 * Handler downloader = Handler.of("download", task -> fetch(task.param("url", String.class)));
 *
 * class Mailer implements Handler {
 *     public String name() { return "mail"; }
 *     public void handle(Task task) throws Exception { ... }
 * }
 * }</pre>
 *
 * <p>Handlers run on several threads at once and must be thread-safe.
 *
 * <p>Delivery is at least once: a task may run more than once, so handlers should be idempotent. It runs again
 * when its acknowledgement does not arrive within the task's retry time: a slow handler (see heartbeats), a
 * worker that dies, or a node that dies while the task is in flight (its copies on the surviving nodes queue it
 * again). A worker given several addresses ({@code Worker.builder("h1:7711", "h2:7711")}) learns the whole
 * cluster from HELLO and keeps fetching from another node when its node dies or leaves.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Runs one task.
     *
     * @param task the task, with its parameters and {@link Task#context()}
     * @throws Exception any failure
     */
    void handle(Task task) throws Exception;

    /**
     * The task name this handler serves: its queue is {@code __tasque__<name>}. A class implementing Handler
     * overrides it; a lambda gets one from {@link #of(String, Handler)}.
     *
     * @return the name
     */
    default String name() {
        throw new IllegalStateException(getClass().getName()
                + " has no name: override name() or wrap it with Handler.of(name, handler)");
    }

    /**
     * Names a handler (Go's {@code FuncHandler(f, name)}).
     *
     * @param name the task name
     * @param handler the code
     * @return a handler with that name
     */
    static Handler of(String name, Handler handler) {
        Tasque.requireName(name);
        Objects.requireNonNull(handler, "handler");
        return new Handler() {
            @Override
            public void handle(Task task) throws Exception {
                handler.handle(task);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "Handler[" + name + "]";
            }
        };
    }
}
