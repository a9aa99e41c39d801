/*
 * OutputLimit: client-output-buffer-limit, a bound on the replies a client
 * lets pile up unsent.
 *
 * A client that stops reading (a stuck consumer, a MONITOR on a slow link)
 * would otherwise hold its unsent replies in the node's memory for ever. With
 * a hard limit it is closed as soon as they reach that many bytes; with a
 * soft limit, once they stayed over it for longer than the given seconds.
 * Zero turns either off; both are off by default, as in the original, since a
 * plain client only gets replies it asked for.
 */
package dev.disque.server.core;

public final class OutputLimit {
    private long hardBytes;
    private long softBytes;
    private long softMillis;

    /** Reads the directive's value, "normal <hard> <soft> <seconds>" (already validated). */
    public void configure(String value) {
        String[] f = value.trim().split("\\s+");
        hardBytes = Long.parseLong(f[1]);
        softBytes = Long.parseLong(f[2]);
        softMillis = Long.parseLong(f[3]) * 1000;
    }

    public boolean enabled() {
        return hardBytes > 0 || softBytes > 0;
    }

    /** True if a client with this many bytes unsent must be closed now. */
    public boolean exceeded(Client c, long unsent, long nowMillis) {
        if (hardBytes > 0 && unsent >= hardBytes) return true;
        if (softBytes > 0 && unsent >= softBytes) {
            if (c.overSoftLimitSince() == 0) {
                c.setOverSoftLimitSince(nowMillis);
                return false;
            }
            return nowMillis - c.overSoftLimitSince() > softMillis;
        }
        c.setOverSoftLimitSince(0);
        return false;
    }
}
