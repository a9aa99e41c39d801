package dev.disque.tasque;

/** A required task parameter is missing or has the wrong type. Not retryable: the same body will fail again. */
public class TaskParamException extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which parameter, and what is wrong with it
     */
    public TaskParamException(String message) {
        super(message);
    }
}
