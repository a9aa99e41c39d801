/*
 * ClientPause: CLIENT PAUSE, a window of time in which no client's commands
 * run.
 *
 * An operator stops every client for a while, for example to let a node's
 * replication and acknowledgements settle before it is moved, as the Redis
 * networking layer under the original Disque allows. Requests that arrive
 * meanwhile wait, in order, in each client's input; the cluster bus, the
 * timers and the replies owed to clients already blocked go on. A pause only
 * ever grows: asking for a shorter one during a longer one changes nothing.
 * The end is noticed by the cron, or by the next client that tries to run
 * a command, like the original's.
 */
package dev.disque.server.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class ClientPause {
    private final Clock clock;
    private boolean active;
    /** The last millisecond of the pause. */
    private long lastMillis;
    /** Clients that had commands to run during the pause, resumed when it ends. */
    private final Set<Client> held = new LinkedHashSet<>();

    public ClientPause(Clock clock) {
        this.clock = clock;
    }

    /** Stops every client's commands for this many milliseconds from now, unless a pause lasts longer. */
    public void pause(long millis) {
        if (millis <= 0) return;
        long now = clock.millis();
        long last = millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
        if (!active || last > lastMillis) lastMillis = last;
        active = true;
    }

    /**
     * True if the client may not run commands now; it is then resumed when
     * the pause ends.
     */
    public boolean holds(Client c) {
        if (!isActive()) return false;
        held.add(c);
        return true;
    }

    /** True while paused. */
    public boolean isActive() {
        endIfOver();
        return active;
    }

    /** Ends the pause, resuming the held clients, once its time is over (the cron asks). */
    public void endIfOver() {
        if (active && clock.millis() > lastMillis) release();
    }

    /** The client is gone: nothing to resume. */
    public void forget(Client c) {
        held.remove(c);
    }

    private void release() {
        active = false;
        List<Client> waiting = new ArrayList<>(held);
        held.clear();
        for (Client c : waiting) {
            if (!c.isClosed()) c.channel().setReading(true);
        }
    }
}
