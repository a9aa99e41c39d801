package dev.disque.tasque;

import java.time.Instant;
import java.util.Optional;

/** The context of a task that is not being handled: never cancelled, no lease. */
final class DetachedContext implements TaskContext {
    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Optional<CancelReason> cancelReason() {
        return Optional.empty();
    }

    @Override
    public boolean isLeaseLost() {
        return false;
    }

    @Override
    public boolean heartbeat() {
        return false;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public void onCancel(Runnable action) {
        // never cancelled
    }
}
