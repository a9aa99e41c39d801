/*
 * WorkerSettings: a worker's configuration, frozen when Worker.Builder
 * builds it, so that the fetch loop, the processors, the retrier and the
 * shutdown read one immutable copy instead of the builder's fields.
 */
package dev.disque.tasque;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

record WorkerSettings(int concurrency, boolean virtualThreads, int maxAttempts, RetryPolicy retryPolicy,
        boolean fastAck, boolean strictPriority, boolean heartbeats, Duration heartbeatInterval,
        Duration shutdownGrace, Duration fetchTimeout, Duration enqueueTimeout, Duration deadLetterTtl,
        List<ExecuteInterceptor> interceptors, List<WorkerListener> listeners, Clock clock,
        FailureLogging failureLogging) {

    WorkerSettings {
        interceptors = List.copyOf(interceptors);
        listeners = List.copyOf(listeners);
    }
}
