/*
 * ClusterTopTest: `disque --cluster top` on a two-node cluster of embedded
 * servers: a queue that holds jobs on both nodes is one row with the sum,
 * a queue on one node counts once, the full-screen view titles itself with
 * the cluster, and a node that stops answering is named and left out of
 * the sums. Without a terminal the command refuses with exit 1.
 */
package dev.disque.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.modes.TopModel;
import dev.disque.cli.net.Endpoint;
import dev.disque.cli.repl.TopView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

class ClusterTopTest {
    private static void add(ClusterNodes c, int node, String queue, int n) throws IOException {
        for (int i = 0; i < n; i++) assertFalse(c.call(node, "ADDJOB", queue, "job" + i, "0", "REPLICATE", "1").isError());
    }

    private static Map<String, Long> lengths(List<TopModel.Stat> stats) {
        Map<String, Long> m = new HashMap<>();
        for (TopModel.Stat s : stats) m.put(s.name(), s.len());
        return m;
    }

    @Test
    void queuesAreSummedOverTheNodes() throws Exception {
        try (ClusterNodes c = new ClusterNodes(2)) {
            assertEquals(0, ClusterAdminTest.create(c, 2).code());
            add(c, 0, "orders", 2);
            add(c, 1, "orders", 3);
            add(c, 1, "mails", 1);
            try (ClusterQueueSampler s = new ClusterQueueSampler(Endpoint.tcp("127.0.0.1", c.port(0)), null,
                    NodeAddress.parse(c.hostPort(0)))) {
                assertEquals(Map.of("orders", 5L, "mails", 1L), lengths(s.sample()));
                assertEquals("cluster of 2 nodes via 127.0.0.1:" + c.port(0), s.label());
                assertNull(s.warning());

                PipedOutputStream keys = new PipedOutputStream();
                ByteArrayOutputStream screen = new ByteArrayOutputStream();
                try (Terminal terminal = TerminalBuilder.builder().system(false)
                        .streams(new PipedInputStream(keys), screen).type("xterm-256color").size(new Size(120, 20))
                        .encoding(StandardCharsets.UTF_8).build()) {
                    AtomicInteger code = new AtomicInteger(-1);
                    Thread t = new Thread(() -> code.set(new TopView(terminal, s, 100, false).run()));
                    t.start();
                    CliFixture.await("the table", Duration.ofSeconds(30),
                            () -> screen.toString(StandardCharsets.UTF_8).contains("mails"));
                    String shown = screen.toString(StandardCharsets.UTF_8);
                    assertTrue(shown.contains("disque top  cluster of 2 nodes via 127.0.0.1:" + c.port(0)
                            + "  2 queues, 6 jobs queued"), shown);
                    assertTrue(shown.matches("(?s).*orders +5 +0 .*"), shown);
                    keys.write('q');
                    keys.flush();
                    CliFixture.await("top to quit", Duration.ofSeconds(30), () -> !t.isAlive());
                    assertEquals(0, code.get());
                }

                c.stop(1);
                assertEquals(Map.of("orders", 2L), lengths(s.sample()));
                assertEquals("not counted, no answer from: 127.0.0.1:" + c.port(1), s.warning());
            }
        }
    }

    @Test
    void refusesWithoutATerminal() {
        try (ClusterNodes c = new ClusterNodes(1)) {
            ClusterAdminTest.Result r = ClusterAdminTest.run("--cluster", "top", c.hostPort(0));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("--cluster top needs a terminal"), r.toString());
        }
    }
}
