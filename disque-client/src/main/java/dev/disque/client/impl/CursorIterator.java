package dev.disque.client.impl;

import io.lettuce.core.ScanCursor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * An iterator over a whole QSCAN / JSCAN walk: fetches the next step when the current one is used up.
 *
 * @param <T> element type
 */
public final class CursorIterator<T> implements Iterator<T> {
    /**
     * One step of a walk.
     *
     * @param cursor the cursor for the next step
     * @param items what this step found
     * @param <T> element type
     */
    public record Step<T>(ScanCursor cursor, List<T> items) {
    }

    private final Function<ScanCursor, Step<T>> next;
    private ScanCursor cursor;
    private Iterator<T> items = java.util.Collections.emptyIterator();
    private boolean started;

    /**
     * @param next fetches the step after a cursor (null: the first step)
     */
    public CursorIterator(Function<ScanCursor, Step<T>> next) {
        this.next = next;
    }

    @Override
    public boolean hasNext() {
        while (!items.hasNext()) {
            if (started && (cursor == null || cursor.isFinished())) return false;
            Step<T> s = next.apply(started ? cursor : null);
            started = true;
            cursor = s.cursor();
            items = s.items().iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        return items.next();
    }
}
