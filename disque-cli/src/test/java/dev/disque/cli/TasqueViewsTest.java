/*
 * TasqueViewsTest: `disque tasque stats|dead|requeue|purge` against the
 * embedded server holding jobs in tasque's wire format (bodies written by
 * hand as Go tasque and tasque-java write them: a first attempt, a retry
 * on attempt 3, a delayed retry, one in flight, dead letters with their
 * Meta), in the table, JSON and piped forms, and in the help.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.net.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TasqueViewsTest extends CliFixture {
    static final String FIRST = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://example.org/a\"},"
            + "\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}";
    static final String THIRD = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://example.org/b\"},"
            + "\"EnqueueTime\":\"2026-11-29T20:00:01.5Z\",\"Meta\":{\"Attempt\":3,\"OriginalJobId\":\"D-orig-b\"}}";
    static final String DELAYED = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://example.org/c\"},"
            + "\"EnqueueTime\":\"2026-11-29T20:00:02Z\",\"Meta\":{\"Attempt\":2}}";
    static final String DEAD = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://example.org/d\",\"n\":1},"
            + "\"EnqueueTime\":\"2026-11-29T20:00:03Z\",\"Meta\":{\"Attempt\":8,\"OriginalJobId\":\"D-orig-d\","
            + "\"FirstEnqueueTime\":\"2026-11-29T19:00:00Z\",\"LastError\":\"java.net.UnknownHostException: example.org\","
            + "\"StackTrace\":\"java.net.UnknownHostException: example.org\\n\\tat Downloader.run\","
            + "\"DeadReason\":\"max-attempts\",\"DeadTime\":\"2026-11-29T20:05:00.25Z\"}}";
    static final String DEAD_RAW = "{\"Name\":\"download\",\"Params\":null,\"EnqueueTime\":\"2026-11-29T20:00:04Z\","
            + "\"Meta\":{\"DeadReason\":\"undecodable\",\"LastError\":\"not JSON\",\"RawBody\":\"garbage{\"}}";
    static final String CHARGE = "{\"Name\":\"charge\",\"Params\":{\"cents\":1250},\"EnqueueTime\":\"2026-11-29T20:00:05Z\","
            + "\"Meta\":{\"Attempt\":1,\"LastError\":\"card declined\",\"DeadReason\":\"non-retryable\"}}";
    static final String EMAIL = "{\"Name\":\"email\",\"Params\":{},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}";

    private String deadId;
    private String deadRawId;
    private String chargeId;

    private static String add(String queue, String body, String... options) throws IOException {
        String[] args = new String[4 + options.length];
        args[0] = "ADDJOB";
        args[1] = queue;
        args[2] = body;
        args[3] = "0";
        System.arraycopy(options, 0, args, 4, options.length);
        Reply r = call(args);
        assertFalse(r.isError(), r.asText());
        return r.asText();
    }

    @BeforeEach
    void tasks() throws IOException {
        add("__tasque__download", FIRST);
        add("__tasque__download", THIRD);
        add("__tasque__download", DELAYED, "DELAY", "3600");
        add("__tasque__download", FIRST.replace("/a", "/in-flight"));
        // A worker takes the oldest queued job and has not acknowledged it yet.
        Reply taken = call("GETJOB", "NOHANG", "FROM", "__tasque__download");
        assertEquals(1, ((Reply.Multi) taken).items().size());
        deadId = add("__tasque_dead__download", DEAD);
        deadRawId = add("__tasque_dead__download", DEAD_RAW);
        chargeId = add("__tasque_dead__charge", CHARGE);
        add("__tasque__email", EMAIL);
        add("plain-queue", "not a task");
    }

    @Test
    void statsPerTaskName() {
        Result r = run("", "tasque", "stats");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                task      queued  in-flight  delayed  retried  dead
                charge         0          0        0        0     1
                download       2          1        1        2     2
                email          1          0        0        0     0
                """, r.out());
        Result one = run("", "tasque", "stats", "email");
        assertEquals("task   queued  in-flight  delayed  retried  dead\nemail       1          0        0        0     0\n",
                one.out());
        Result json = run("", "--json", "tasque", "stats", "download");
        assertEquals("[{\"task\":\"download\",\"queued\":2,\"in-flight\":1,\"delayed\":1,\"retried\":2,\"dead\":2}]\n",
                json.out());
    }

    @Test
    void deadListsTheLastErrors() {
        Result r = run("", "tasque", "dead");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("charge: 1 dead\n  " + chargeId + "  attempt 1  non-retryable\n"
                + "    params: {\"cents\":1250}\n    error:  card declined\n"), out);
        assertTrue(out.contains("download: 2 dead\n  " + deadId + "  attempt 8  max-attempts  2026-11-29T20:05:00.25Z\n"
                + "    params: {\"url\":\"http://example.org/d\",\"n\":1}\n"
                + "    error:  java.net.UnknownHostException: example.org\n"), out);
        assertTrue(out.contains("  " + deadRawId + "  attempt 1  undecodable\n"), out);
        assertFalse(out.contains("email"), out);
        Result one = run("", "tasque", "dead", "charge");
        assertTrue(one.out().startsWith("charge: 1 dead\n"), one.out());
        assertFalse(one.out().contains("download"), one.out());
        assertEquals("nothing: 0 dead\n", run("", "tasque", "dead", "nothing").out());
    }

    @Test
    void requeueByNamePutsFreshTasksBack() throws IOException {
        Result r = run("", "tasque", "requeue", "download");
        assertEquals(0, r.code(), r.err());
        assertEquals("requeued 2 dead download tasks\n", r.out());
        assertEquals("0", call("QLEN", "__tasque_dead__download").asText());
        assertEquals("4", call("QLEN", "__tasque__download").asText());
        List<Reply> jobs = ((Reply.Multi) call("QPEEK", "__tasque__download", "-2")).items();
        String raw = ((Reply.Multi) jobs.get(1)).items().get(2).asText();
        String revived = ((Reply.Multi) jobs.get(0)).items().get(2).asText();
        if (raw.startsWith("{")) {
            String t = raw;
            raw = revived;
            revived = t;
        }
        assertEquals("garbage{", raw); // a kept undecodable body goes back as it was
        assertTrue(revived.matches("\\{\"Name\":\"download\",\"Params\":\\{\"url\":\"http://example.org/d\",\"n\":1\\},"
                + "\"EnqueueTime\":\"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\\.[0-9]*[1-9])?Z\","
                + "\"Meta\":\\{\"OriginalJobId\":\"D-orig-d\",\"FirstEnqueueTime\":\"2026-11-29T19:00:00Z\"\\}\\}"),
                revived);
        assertFalse(revived.contains("Attempt"), revived);
    }

    @Test
    void requeueAndPurgeByJobId() throws IOException {
        Result requeued = run("", "tasque", "requeue", chargeId);
        assertEquals(0, requeued.code(), requeued.err());
        assertTrue(requeued.out().matches(java.util.regex.Pattern.quote(chargeId) + ": requeued as D-[^\\n]+\n"), requeued.out());
        assertEquals("1", call("QLEN", "__tasque__charge").asText());
        Result purged = run("", "tasque", "purge", deadId, "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001");
        assertEquals(1, purged.code());
        assertTrue(purged.out().contains(deadId + ": purged\n"), purged.out());
        assertTrue(purged.err().contains("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001: not a dead task"), purged.err());
        assertEquals("1", call("QLEN", "__tasque_dead__download").asText());
        assertEquals("purged 1 dead download task\n", run("", "tasque", "purge", "download").out());
        assertEquals("0", call("QLEN", "__tasque_dead__download").asText());
        assertEquals("2", call("QLEN", "__tasque__download").asText()); // purged, not requeued
    }

    @Test
    void fromStandardInputAndInTheHelp() {
        Result piped = run("tasque stats email\nping\n");
        assertTrue(piped.out().startsWith("task   queued"), piped.out());
        assertTrue(piped.out().endsWith("PONG\n"), piped.out());
        Result usage = run("", "tasque", "bogus");
        assertEquals(1, usage.code());
        assertTrue(usage.err().startsWith("Usage: tasque stats [name]"), usage.err());
        Result help = runWith("", false, false, Map.of(), "help", "tasque");
        assertTrue(help.out().contains("  TASQUE STATS [name]\n"), help.out());
        assertTrue(help.out().contains("  TASQUE PURGE name|dead-job-id [name|dead-job-id ...]\n"), help.out());
        assertTrue(runWith("", false, false, Map.of(), "help", "@tasque").out().contains("  TASQUE DEAD [name]\n"));
    }
}
