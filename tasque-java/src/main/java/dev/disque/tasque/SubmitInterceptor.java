package dev.disque.tasque;

import java.util.concurrent.CompletionStage;

/**
 * Runs around every submission of a {@link TasqueClient}, in the order added (the first is outermost): add
 * parameters (a trace ID), log, count, or refuse. Call {@code next.proceed(task, options)} to go on; the task may be
 * changed (it is the caller's object) or replaced.
 */
@FunctionalInterface
public interface SubmitInterceptor {

    /**
     * @param task the task being submitted
     * @param options its resolved options
     * @param next the rest of the chain
     * @return the job ID, when added
     */
    CompletionStage<String> intercept(Task task, SubmitOptions options, Next next);

    /** The rest of the submit chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param task the task to submit
         * @param options its options
         * @return the job ID, when added
         */
        CompletionStage<String> proceed(Task task, SubmitOptions options);
    }
}
