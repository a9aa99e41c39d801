/*
 * LiveSuggestions: queue names (QSCAN) and configuration parameters
 * (CONFIG GET *) from the connected server, cached for a few seconds so
 * that pressing Tab repeatedly does not scan every time. Nothing is fetched
 * while not connected: completion never opens a connection.
 */
package dev.disque.cli.repl;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

public final class LiveSuggestions implements Suggestions {
    static final long TTL_NANOS = 5_000_000_000L;
    static final int MAX_QUEUES = 10_000;

    private final Session session;
    private List<String> queues = List.of();
    private long queuesAt;
    private List<String> params = List.of();
    private long paramsAt;

    public LiveSuggestions(Session session) {
        this.session = session;
    }

    /** Forgets the cached values (after connecting elsewhere). */
    public void invalidate() {
        queuesAt = 0;
        paramsAt = 0;
    }

    @Override
    public List<String> queues() {
        if (queuesAt != 0 && System.nanoTime() - queuesAt < TTL_NANOS) return queues;
        if (!session.connected()) return List.of();
        TreeSet<String> names = new TreeSet<>();
        try {
            String cursor = "0";
            do {
                Reply r = session.call(RespConnection.args("QSCAN", cursor, "COUNT", "1000"));
                if (!(r instanceof Reply.Multi m) || m.items().size() != 2) break;
                cursor = m.items().get(0).asText();
                if (m.items().get(1) instanceof Reply.Multi list) {
                    for (Reply q : list.items()) names.add(q.asText());
                }
            } while (!"0".equals(cursor) && names.size() < MAX_QUEUES);
        } catch (IOException e) {
            return List.of();
        }
        queues = List.copyOf(names);
        queuesAt = System.nanoTime();
        return queues;
    }

    @Override
    public List<String> configParameters() {
        if (paramsAt != 0 && System.nanoTime() - paramsAt < TTL_NANOS * 12) return params;
        if (!session.connected()) return List.of();
        List<String> names = new ArrayList<>();
        try {
            Reply r = session.call(RespConnection.args("CONFIG", "GET", "*"));
            if (r instanceof Reply.Multi m) {
                for (int i = 0; i < m.items().size(); i += 2) names.add(m.items().get(i).asText());
            }
        } catch (IOException e) {
            return List.of();
        }
        params = List.copyOf(names);
        paramsAt = System.nanoTime();
        return params;
    }
}
