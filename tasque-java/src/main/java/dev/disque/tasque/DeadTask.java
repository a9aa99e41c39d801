package dev.disque.tasque;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A task in a dead-letter queue, as {@link DeadLetters} shows it.
 *
 * @param jobId the dead-letter job's ID (what requeue and delete take)
 * @param name the task name
 * @param params the task's parameters (empty if the original body was undecodable)
 * @param attempts how many attempts were made
 * @param reason why it died, as written ({@code max-attempts}, {@code non-retryable}, {@code undecodable},
 *        {@code unknown-handler}, {@code expiring}); null if the body has none
 * @param lastError the last error ({@code class: message}), or null
 * @param stackTrace the last error's stack trace, or null
 * @param deadTime when it died, if known
 * @param originalJobId the job ID of its first attempt, if known
 * @param rawBody the original body when it could not be decoded, else null
 * @param body the dead-letter job's body, as stored
 */
public record DeadTask(String jobId, String name, Map<String, Object> params, int attempts, String reason,
        String lastError, String stackTrace, Optional<Instant> deadTime, String originalJobId, String rawBody,
        String body) {

    /** @return the reason as an enum, if it is one of ours */
    public Optional<DeadReason> deadReason() {
        return Optional.ofNullable(DeadReason.fromWire(reason));
    }
}
