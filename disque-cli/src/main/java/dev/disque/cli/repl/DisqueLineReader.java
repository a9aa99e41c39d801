/*
 * DisqueLineReader: JLine's line reader plus redis-cli-style hints: the
 * rest of the command's syntax drawn dimmed after the cursor while typing.
 * The hint is display only; it never becomes part of the line, and it is
 * dropped when the line is accepted.
 */
package dev.disque.cli.repl;

import java.util.List;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

final class DisqueLineReader extends LineReaderImpl {
    static final AttributedStyle HINT = AttributedStyle.DEFAULT.faint();

    private final Hints hints;

    DisqueLineReader(Terminal terminal, Hints hints) {
        super(terminal, "disque", null);
        this.hints = hints;
    }

    @Override
    public AttributedString getDisplayedBufferWithPrompts(List<AttributedString> secondaryPrompts) {
        boolean wanted = doAutosuggestion; // false while the accepted line is drawn for the last time
        AttributedString shown = super.getDisplayedBufferWithPrompts(secondaryPrompts);
        if (!wanted || post != null || buf.cursor() != buf.length()) return shown;
        String hint = hintFor(buf.toString());
        if (hint == null) return shown;
        return new AttributedStringBuilder().append(shown).styled(HINT, hint).toAttributedString();
    }

    /** The hint for a buffer (null for none); multi-line pastes get none. */
    String hintFor(String buffer) {
        if (buffer.indexOf('\n') >= 0) return null;
        return hints.hint(buffer);
    }
}
