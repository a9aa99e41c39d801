package dev.disque.tasque.json;

/** Text that is not valid JSON, or JSON that does not have the expected shape. */
public class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, and where
     */
    public JsonException(String message) {
        super(message);
    }
}
