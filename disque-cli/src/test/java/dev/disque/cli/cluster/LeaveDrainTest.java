/*
 * LeaveDrainTest: `disque --cluster leave` on a two-node cluster of
 * embedded servers: the node is marked leaving at once, the CLI waits
 * while it still holds a job and says it is safe to stop only after a
 * consumer took and acknowledged that job; with a job left, --timeout
 * ends the wait with exit 1 and the node stays leaving. The test waits on
 * what the node reports (INFO), never on a fixed sleep.
 */
package dev.disque.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.net.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeaveDrainTest {
    @Test
    void waitsUntilTheLeavingNodeHoldsNoJob() throws Exception {
        try (ClusterNodes c = new ClusterNodes(2)) {
            assertEquals(0, ClusterAdminTest.create(c, 2).code());
            String id = c.call(1, "ADDJOB", "q", "body", "0", "REPLICATE", "1").asText();
            assertTrue(id.startsWith("D-"), id);
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            CompletableFuture<ClusterAdminTest.Result> leave = CompletableFuture.supplyAsync(() -> ClusterAdminTest.run(
                    progress, false, "-i", "0.05", "--timeout", "120", "--cluster", "leave", c.hostPort(1)));
            // The CLI has seen the job still there before the consumer takes it.
            CliFixture.await("the CLI to report the job left", Duration.ofSeconds(60),
                    () -> progress.toString(StandardCharsets.UTF_8).contains("1 job left") || leave.isDone());
            assertEquals("yes", info(c, "leaving"));
            assertEquals("no", info(c, "safe_to_stop"), "it still holds the job");
            assertFalse(leave.isDone(), "the CLI must wait while the node holds a job");

            Reply got = c.call(1, "GETJOB", "NOHANG", "FROM", "q");
            assertTrue(got instanceof Reply.Multi m && !m.items().isEmpty(), "a leaving node still hands out its jobs");
            assertFalse(c.call(1, "ACKJOB", id).isError());

            ClusterAdminTest.Result r = leave.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals(">>> 127.0.0.1:" + c.port(1) + " (" + c.id(1) + ") is leaving: no new jobs go to it", lines.get(0));
            assertTrue(lines.get(1).startsWith("Waiting for 127.0.0.1:" + c.port(1) + " to hand over its jobs: 1 job left"),
                    r.toString());
            assertEquals("[OK] 127.0.0.1:" + c.port(1) + " holds no job: it is safe to stop it now.",
                    lines.get(lines.size() - 1));
            assertEquals("yes", info(c, "safe_to_stop"));

            // A leaving node is what the operator asked for: check warns but the cluster is still whole.
            // (Polled: the other node learns of the leaving flag by gossip.)
            ClusterAdminTest.Result[] check = new ClusterAdminTest.Result[1];
            CliFixture.await("check to pass with the leaving node", Duration.ofSeconds(60), () -> {
                check[0] = ClusterAdminTest.run("--cluster", "check", c.hostPort(0));
                return check[0].code() == 0;
            });
            assertTrue(check[0].out().contains("[WARNING] 127.0.0.1:" + c.port(1) + ": is leaving the cluster"),
                    check[0].toString());
        }
    }

    @Test
    void timeoutEndsTheWaitWithExitOneAndTheNodeStaysLeaving() throws IOException {
        try (ClusterNodes c = new ClusterNodes(2)) {
            assertEquals(0, ClusterAdminTest.create(c, 2).code());
            Reply added = c.call(1, "ADDJOB", "q", "body", "0", "REPLICATE", "1");
            assertFalse(added.isError(), added.asText());
            String id = added.asText();
            ClusterAdminTest.Result r = ClusterAdminTest.run("--json", "-i", "0.05", "--timeout", "0.3", "--cluster",
                    "leave", c.hostPort(1));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().startsWith("{\"node\":\"127.0.0.1:" + c.port(1) + "\",\"id\":\"" + c.id(1)
                    + "\",\"safe_to_stop\":false,\"jobs\":1,\"seconds\":"), r.out());
            assertTrue(r.err().contains("still holds 1 job after 0.3 s; do not stop it yet"), r.toString());
            assertEquals("yes", info(c, "leaving"));

            // On a terminal the count is one line redrawn in place, cleared at the end.
            ClusterAdminTest.Result tty = ClusterAdminTest.run(true, "-i", "0.05", "--timeout", "0.3", "--cluster",
                    "leave", c.hostPort(1));
            assertEquals(1, tty.code(), tty.toString());
            assertTrue(tty.out().contains("\r\u001b[2KWaiting for 127.0.0.1:" + c.port(1)
                    + " to hand over its jobs: 1 job left"), tty.out());
            assertTrue(tty.out().endsWith("\r\u001b[2K"), tty.out());

            assertEquals("1", c.call(1, "DELJOB", id).asText(), "DELJOB deletes the one job");
            ClusterAdminTest.Result again = ClusterAdminTest.run("--json", "--cluster", "leave", c.hostPort(1));
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().contains("\"safe_to_stop\":true,\"jobs\":0,"), again.out());
        }
    }

    private static String info(ClusterNodes c, String field) {
        try {
            return c.info(1, "cluster", field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
