/*
 * Loop: how state-machine code asks for work to run later on the server's
 * own thread (timers, completions posted by the fsync thread). The event
 * loop implements it; nothing else runs state-machine code.
 */
package dev.disque.server.core;

public interface Loop {
    void execute(Runnable task);

    /** Runs the task after the delay; the returned future cancels it. */
    java.util.concurrent.Future<?> schedule(Runnable task, long delayMillis);

    /**
     * Reports an error the loop cannot recover from (the state may be half
     * changed, or the loop thread itself died): the server must stop rather
     * than linger as a zombie holding its port.
     */
    void fatal(String where, Throwable cause);
}
