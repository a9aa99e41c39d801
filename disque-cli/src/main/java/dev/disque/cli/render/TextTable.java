/*
 * TextTable: left-aligned columns separated by two spaces, the plain
 * layout the CLI's tables share (the cluster's node table, CLUSTER NODES
 * and HELLO in the shell), so that they read alike and line up in any
 * terminal without box-drawing characters.
 */
package dev.disque.cli.render;

import java.util.ArrayList;
import java.util.List;

public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... head) {
        rows.add(head);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        int columns = 0;
        for (String[] r : rows) columns = Math.max(columns, r.length);
        int[] width = new int[columns];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) line.append("  ");
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length()));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
