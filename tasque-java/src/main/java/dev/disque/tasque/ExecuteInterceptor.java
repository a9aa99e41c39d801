package dev.disque.tasque;

/**
 * Runs around every handler call of a {@link Worker}, in the order added (the first is outermost), on the handler's
 * thread and within its timeout: logging context (MDC), tracing spans, metrics, or custom retry decisions (catch
 * the failure and throw a {@link RetryLaterException} or a {@link NonRetryableException} instead).
 */
@FunctionalInterface
public interface ExecuteInterceptor {

    /**
     * @param task the task about to run
     * @param next the rest of the chain (the next interceptor, then the handler); call it once
     * @throws Exception the failure of the task, if it failed
     */
    void intercept(Task task, Execution next) throws Exception;

    /** The rest of the execute chain. */
    @FunctionalInterface
    interface Execution {
        /**
         * @throws Exception whatever the handler threw
         */
        void proceed() throws Exception;
    }
}
