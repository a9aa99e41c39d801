/*
 * UnixSocketTest: -s reaches the server through a Unix domain socket (a
 * relay to the test server's TCP port, as the server has no unixsocket
 * directive yet): one-shot commands, commands from standard input, --pipe
 * with its read timeout, and redis-cli's message when nothing listens.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest extends CliFixture {
    @TempDir
    Path tmp;

    private static Result viaSocket(String stdin, Path sock, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-s";
        all[1] = sock.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return runWith(stdin, false, false, Map.of(), all);
    }

    @Test
    void commandsGoThroughTheSocket() throws Exception {
        Path sock = tmp.resolve("disque.sock");
        Relay relay = Relay.unix(sock, port);
        try (relay) {
            assertEquals("PONG\n", viaSocket("", sock, "ping").out());
            Result add = viaSocket("", sock, "addjob", "unixq", "over a unix socket", "0");
            assertEquals(0, add.code(), add.err());
            assertEquals("1", call("QLEN", "unixq").asText());
            Result piped = viaSocket("qlen unixq\nqpeek unixq 1\n", sock);
            assertTrue(piped.out().startsWith("1\nunixq\n"), piped.out());
            assertTrue(piped.out().endsWith("over a unix socket\n"), piped.out());
            Result verbose = viaSocket("", sock, "--verbose", "ping");
            assertEquals("Connected to " + sock + " (Unix domain socket)\n", verbose.err());
            Result pipe = viaSocket("ADDJOB unixq a 0\nADDJOB unixq b 0\n", sock, "--pipe");
            assertEquals(0, pipe.code(), pipe.err());
            assertEquals("3", call("QLEN", "unixq").asText());
        }
    }

    @Test
    void nothingListeningIsReportedLikeRedisCli() {
        Path sock = tmp.resolve("none.sock");
        Result r = viaSocket("", sock, "ping");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Could not connect to Disque at " + sock + ": "), r.err());
    }
}
