package dev.disque.client.error;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns error replies into the typed exceptions of this package. */
public final class DisqueErrors {
    private DisqueErrors() {
    }

    /**
     * @param message an error reply's text, code first
     * @return the typed exception for its code, or a plain {@link RedisCommandExecutionException}
     */
    public static RedisCommandExecutionException fromMessage(String message) {
        String code = message;
        int space = message.indexOf(' ');
        if (space >= 0) code = message.substring(0, space);
        switch (code) {
            case "NOREPL":
                return new NoReplicationException(message);
            case "MAXLEN":
                return new QueueFullException(message);
            case "PAUSED":
                return new QueuePausedException(message);
            case "LEAVING":
                return new LeavingException(message);
            case "NOJOB":
                return new NoSuchJobException(message);
            case "BADID":
                return new BadJobIdException(message);
            case "TOOLATE":
                return new TooLateException(message);
            case "OOM":
                return new OutOfMemoryException(message);
            default:
                return new RedisCommandExecutionException(message);
        }
    }

    /**
     * Unwraps {@link CompletionException} / {@link ExecutionException} and types Lettuce's command errors.
     *
     * @param t a failure
     * @return the failure to report
     */
    public static Throwable translate(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof RedisCommandExecutionException && !(cause instanceof DisqueCommandException)
                && cause.getMessage() != null && cause.getClass() == RedisCommandExecutionException.class) {
            RedisCommandExecutionException typed = fromMessage(cause.getMessage());
            if (typed.getClass() != RedisCommandExecutionException.class) return typed;
        }
        return cause;
    }

    /**
     * @param t a failure
     * @return the first cause that is not a {@link CompletionException} or {@link ExecutionException} wrapper
     */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
