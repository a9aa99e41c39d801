/*
 * TopViewTest: the full-screen queue table on an in-memory terminal: it
 * shows every queue with its length, blocked consumers and pause state,
 * and q leaves it; TopModel's rates and sorting on their own.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.modes.TopModel;
import dev.disque.cli.net.Session;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

class TopViewTest extends CliFixture {
    @Test
    void showsTheQueuesAndQuitsOnQ() throws Exception {
        for (int i = 0; i < 3; i++) call("ADDJOB", "orders", "o" + i, "0");
        call("ADDJOB", "mails", "m", "0");
        call("PAUSE", "mails", "in");
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm-256color")
                .size(new Size(100, 20)).encoding(StandardCharsets.UTF_8).build();
             Session session = new Session("127.0.0.1", port, null, s -> { })) {
            AtomicInteger code = new AtomicInteger(-1);
            TopView view = new TopView(terminal, session, 100, false);
            Thread t = new Thread(() -> code.set(view.run()));
            t.start();
            // The last row drawn, whole: a frame is written in pieces, and "mails" alone may be all of it so far.
            await("the table", Duration.ofSeconds(10),
                    () -> screen.toString(StandardCharsets.UTF_8).matches("(?s).*mails +1 +0 .* in .*"));
            String s = screen.toString(StandardCharsets.UTF_8);
            assertTrue(s.contains("2 queues, 4 jobs queued"), s);
            assertTrue(s.contains("QUEUE"), s);
            assertTrue(s.matches("(?s).*orders +3 +0 .*"), s);
            assertTrue(s.matches("(?s).*mails +1 +0 .* in .*"), s);
            keys.write('q');
            keys.flush();
            await("top to quit", Duration.ofSeconds(10), () -> !t.isAlive());
            assertEquals(0, code.get());
        }
    }

    @Test
    void ratesFromTwoSamplesAndSorting() {
        TopModel m = new TopModel();
        m.update(List.of(new TopModel.Stat("a", 5, 10, 0, 0, 100, 50, "none"),
                new TopModel.Stat("b", 9, 10, 2, 0, 10, 10, "none")), 1_000_000_000L);
        assertEquals(-1.0, m.rows().get(0).inRate());
        m.update(List.of(new TopModel.Stat("a", 5, 12, 0, 0, 300, 150, "none"),
                new TopModel.Stat("b", 9, 12, 2, 0, 12, 11, "none")), 3_000_000_000L);
        List<TopModel.Row> rows = m.rows();
        assertEquals("b", rows.get(0).name(), "by length, longest first");
        TopModel.Row a = rows.get(1);
        assertEquals(100.0, a.inRate(), 1e-9);
        assertEquals(50.0, a.outRate(), 1e-9);
        m.sortBy(TopModel.Column.IN);
        assertEquals("a", m.rows().get(0).name());
        m.sortBy(TopModel.Column.IN);
        assertEquals("b", m.rows().get(0).name(), "the same key again reverses");
        m.sortBy(TopModel.Column.NAME);
        assertEquals("a", m.rows().get(0).name());
        assertEquals(14, m.totalQueued());
    }
}
