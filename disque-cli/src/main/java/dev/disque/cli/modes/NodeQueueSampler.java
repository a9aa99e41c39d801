/*
 * NodeQueueSampler: the queues of one node for `--top`: QSCAN for the
 * names (at most MAX_QUEUES), then one QSTAT each, pipelined so that a
 * node with thousands of queues is sampled in one round trip.
 */
package dev.disque.cli.modes;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public final class NodeQueueSampler implements QueueSampler {
    public static final int MAX_QUEUES = 5_000;

    private final Session session;

    public NodeQueueSampler(Session session) {
        this.session = session;
    }

    @Override
    public String label() {
        return session.address();
    }

    @Override
    public List<TopModel.Stat> sample() throws IOException {
        try {
            RespConnection c = session.connect();
            List<String> names = new ArrayList<>();
            String cursor = "0";
            do {
                Reply r = c.call(RespArgs.of("QSCAN", cursor, "COUNT", "1000"));
                if (!(r instanceof Reply.Multi m) || m.items().size() != 2) break;
                cursor = m.items().get(0).asText();
                if (m.items().get(1) instanceof Reply.Multi list) {
                    for (Reply q : list.items()) names.add(q.asText());
                }
            } while (!"0".equals(cursor) && names.size() < MAX_QUEUES);
            for (String q : names) c.write(RespArgs.of("QSTAT", q));
            c.flush();
            List<TopModel.Stat> stats = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Reply r = c.read();
                if (r instanceof Reply.Multi) stats.add(TopModel.Stat.of(r));
            }
            return stats;
        } catch (IOException e) {
            session.disconnect();
            throw e;
        }
    }
}
