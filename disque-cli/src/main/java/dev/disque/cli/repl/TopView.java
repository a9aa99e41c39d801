/*
 * TopView: `disque --top`, `disque --cluster top` and the REPL's `top`: a
 * full-screen table of the queues (from a QueueSampler: one node, or the
 * sum over a cluster), refreshed every interval.
 * Keys: n l b i o m a sort by name, length, blocked, in/s, out/s, import
 * rate, age (again: reverse); r reverses; q, Esc or Ctrl-C quit.
 */
package dev.disque.cli.repl;

import dev.disque.cli.modes.NodeQueueSampler;
import dev.disque.cli.modes.QueueSampler;
import dev.disque.cli.modes.TopModel;
import dev.disque.cli.net.Session;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

public final class TopView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Terminal terminal;
    private final QueueSampler sampler;
    private final long intervalMillis;
    private final boolean colour;
    private final TopModel model = new TopModel();
    private String problem;

    public TopView(Terminal terminal, Session session, long intervalMillis, boolean colour) {
        this(terminal, new NodeQueueSampler(session), intervalMillis, colour);
    }

    public TopView(Terminal terminal, QueueSampler sampler, long intervalMillis, boolean colour) {
        this.terminal = terminal;
        this.sampler = sampler;
        this.intervalMillis = Math.max(100, intervalMillis);
        this.colour = colour;
    }

    public int run() {
        Attributes saved = terminal.enterRawMode();
        Terminal.SignalHandler oldInt = terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
        terminal.puts(InfoCmp.Capability.enter_ca_mode);
        terminal.puts(InfoCmp.Capability.keypad_xmit);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        terminal.flush();
        Display display = new Display(terminal, true);
        try {
            NonBlockingReader keys = terminal.reader();
            while (true) {
                sample();
                Size size = terminal.getSize();
                int rows = size.getRows() > 0 ? size.getRows() : 24;
                int cols = size.getColumns() > 0 ? size.getColumns() : 80;
                display.resize(rows, cols);
                display.update(screen(rows, cols), -1);
                terminal.flush();
                long deadline = System.nanoTime() + intervalMillis * 1_000_000L;
                boolean refresh = false;
                while (!refresh) {
                    long wait = (deadline - System.nanoTime()) / 1_000_000L;
                    if (wait <= 0) break;
                    int c;
                    try {
                        c = keys.read(wait);
                    } catch (InterruptedIOException e) {
                        return 0;
                    }
                    if (c == NonBlockingReader.READ_EXPIRED) break;
                    if (c < 0 || c == 'q' || c == 'Q' || c == 3 || c == 27) return 0;
                    if (c == 'r' || c == 'R') {
                        model.reverse();
                        refresh = true;
                    } else if (TopModel.Column.forKey(c) != null) {
                        model.sortBy(TopModel.Column.forKey(c));
                        refresh = true;
                    }
                    if (refresh) {
                        display.update(screen(rows, cols), -1);
                        terminal.flush();
                        refresh = false;
                    }
                }
            }
        } catch (IOException e) {
            return 1;
        } finally {
            terminal.puts(InfoCmp.Capability.cursor_visible);
            terminal.puts(InfoCmp.Capability.keypad_local);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, oldInt);
        }
    }

    /** Reads every queue's QSTAT; on failure keeps the last numbers and says why. */
    void sample() {
        try {
            model.update(sampler.sample(), System.nanoTime());
            problem = sampler.warning();
        } catch (IOException e) {
            problem = "not connected: " + e.getMessage();
        }
    }

    List<AttributedString> screen(int rows, int cols) {
        List<AttributedString> lines = new ArrayList<>();
        List<TopModel.Row> data = model.rows();
        String title = "disque top  " + sampler.label() + "  " + data.size() + " queues, "
                + model.totalQueued() + " jobs queued  sort: " + model.sort().title
                + (model.descending() ? " desc" : " asc") + "  " + LocalTime.now().format(CLOCK);
        lines.add(styled(fit(title, cols), AttributedStyle.INVERSE));
        lines.add(problem == null ? AttributedString.EMPTY
                : styled(fit(problem, cols), AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
        lines.add(styled(fit(TopModel.header(), cols), AttributedStyle.BOLD));
        int room = Math.max(0, rows - 4);
        for (int i = 0; i < data.size() && i < room; i++) {
            TopModel.Row r = data.get(i);
            AttributedStyle st = "none".equals(r.pause()) || r.pause().isEmpty() ? AttributedStyle.DEFAULT
                    : AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            lines.add(styled(fit(TopModel.format(r), cols), st));
        }
        while (lines.size() < rows - 1) lines.add(AttributedString.EMPTY);
        String more = data.size() > room ? "  (" + (data.size() - room) + " more)" : "";
        lines.add(styled(fit("n l b i o m a: sort   r: reverse   q: quit" + more, cols),
                AttributedStyle.DEFAULT.faint()));
        return lines;
    }

    private AttributedString styled(String s, AttributedStyle style) {
        return colour ? new AttributedStringBuilder().styled(style, s).toAttributedString() : new AttributedString(s);
    }

    private static String fit(String s, int cols) {
        return s.length() >= cols ? s.substring(0, Math.max(0, cols - 1)) : s;
    }

    TopModel model() {
        return model;
    }
}
