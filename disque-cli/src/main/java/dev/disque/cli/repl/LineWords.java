/*
 * LineWords: a forgiving split of the line being typed (for hints): words
 * separated by spaces, quotes respected, an unclosed quote running to the
 * end of the line.
 */
package dev.disque.cli.repl;

import java.util.ArrayList;
import java.util.List;

record LineWords(List<String> words, boolean trailingSpace) {
    static LineWords of(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) words.add(cur.toString());
                cur = null;
            } else {
                if (cur == null) cur = new StringBuilder();
                if (c == '"' || c == '\'') quote = c;
                else cur.append(c);
            }
        }
        if (cur != null) words.add(cur.toString());
        boolean trailing = !line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1)) && quote == 0;
        return new LineWords(words, trailing);
    }
}
