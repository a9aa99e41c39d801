/*
 * ReplHistory: JLine's history, minus lines that carry a password (AUTH),
 * which are never kept in memory or written to the history file.
 */
package dev.disque.cli.repl;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jline.reader.impl.history.DefaultHistory;

final class ReplHistory extends DefaultHistory {
    @Override
    public void add(Instant time, String line) {
        if (sensitive(line)) return;
        super.add(time, line);
    }

    /** True for AUTH, also behind a repeat count ("2 auth x"). */
    static boolean sensitive(String line) {
        List<String> words = LineWords.of(line).words();
        int i = !words.isEmpty() && words.get(0).matches("[0-9]+") ? 1 : 0;
        return words.size() > i && words.get(i).toLowerCase(Locale.ROOT).equals("auth");
    }
}
