/*
 * CompletionTest: the candidates Tab offers, from the catalog and the live
 * server: commands, subcommands, the options still allowed, fixed choices,
 * help topics, queue names where a queue is expected (QSCAN), CONFIG
 * parameters; and the case follows what was typed.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.net.Session;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompletionTest extends CliFixture {
    private Session session;
    private ReplCompleter completer;

    @BeforeEach
    void connect() throws Exception {
        session = new Session("127.0.0.1", port, null, s -> { });
        session.connect();
        completer = new ReplCompleter(CommandCatalog.get(), new LiveSuggestions(session));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> values(String typedBefore, String prefix) {
        List<String> before = typedBefore.isEmpty() ? List.of() : Arrays.asList(typedBefore.split(" "));
        return completer.candidates(before, prefix).stream().map(Candidate::value)
                .filter(v -> v.toLowerCase().startsWith(prefix.toLowerCase())).collect(Collectors.toList());
    }

    @Test
    void commandNamesInTheCaseTyped() {
        assertEquals(List.of("addjob"), values("", "add"));
        assertEquals(List.of("ADDJOB"), values("", "ADD"));
        assertTrue(values("", "").containsAll(List.of("ACKJOB", "GETJOB", "QSTAT", "HELP", "CONNECT", "QUIT")));
    }

    @Test
    void optionsLeftAfterTheRequiredArguments() {
        assertEquals(List.of("REPLICATE", "DELAY", "RETRY", "TTL", "MAXLEN", "ASYNC"), values("ADDJOB q body 0", ""));
        assertEquals(List.of("replicate", "delay", "retry", "maxlen", "async"), values("addjob q body 0 ttl 10", ""));
        assertEquals(List.of("replicate", "retry"), values("addjob q body 0", "re"));
        // Before the required arguments are all there, no options.
        assertEquals(List.of(), values("addjob q", ""));
        assertEquals(List.of("NOHANG", "TIMEOUT", "COUNT", "WITHCOUNTERS", "FROM"), values("GETJOB", ""));
        assertEquals(List.of("TIMEOUT", "COUNT", "WITHCOUNTERS", "FROM"), values("GETJOB NOHANG", ""));
    }

    @Test
    void queueNamesWhereAQueueIsExpected() throws Exception {
        call("ADDJOB", "alpha", "x", "0");
        call("ADDJOB", "alpine", "x", "0");
        call("ADDJOB", "beta", "x", "0");
        assertEquals(List.of("alpha", "alpine"), values("qlen", "al"));
        assertEquals(List.of("alpha", "alpine", "beta"), values("getjob nohang from", ""));
        assertEquals(List.of("alpha", "alpine", "beta"), values("getjob from alpha", ""));
        assertEquals(List.of("beta"), values("addjob", "b"));
        assertEquals(List.of("alpha", "alpine"), values("jscan queue", "a"));
        assertEquals(List.of(), values("qlen alpha", ""));
    }

    @Test
    void subcommandsChoicesAndParameters() {
        assertEquals(List.of("info", "nodes", "myid", "meet", "forget", "reset", "saveconfig", "leaving"), values("cluster", ""));
        assertEquals(List.of("HARD", "SOFT"), values("CLUSTER RESET", ""));
        assertEquals(List.of("wait-repl", "active", "queued", "acked"), values("jscan state", ""));
        assertTrue(values("jscan", "").containsAll(List.of("count", "busyloop", "queue", "state", "reply")));
        assertTrue(values("jscan state queued", "").contains("state"), "STATE may repeat");
        assertEquals(List.of("server", "stats"), values("info", "s"));
        assertTrue(values("config get", "").containsAll(List.of("maxmemory", "port", "loglevel")));
        assertEquals(List.of("maxmemory", "maxmemory-policy", "maxmemory-samples"), values("config set", "maxm"));
    }

    @Test
    void helpTopics() {
        List<String> v = values("help", "");
        assertTrue(v.containsAll(List.of("@connection", "@server", "@cluster", "@queues", "@jobs", "addjob")), v.toString());
        assertEquals(List.of("@jobs"), values("help", "@j"));
        assertEquals(List.of("nodes"), values("help cluster", "n"));
    }

    @Test
    void nothingWhenNotConnected() {
        session.close();
        assertEquals(List.of(), values("qlen", ""));
        assertFalse(session.connected(), "completion must not open a connection");
    }
}
