package dev.disque.tasque;

import java.time.Duration;

/** The handler ran longer than its timeout: it was interrupted and the attempt counts as failed. */
public class TaskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param task the task name
     * @param timeout the handler's timeout
     * @param cause what the interrupted handler threw, if anything
     */
    public TaskTimeoutException(String task, Duration timeout, Throwable cause) {
        super("task '" + task + "' timed out after " + timeout.toMillis() + " ms", cause);
    }
}
