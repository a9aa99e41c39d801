/*
 * TextBlocks: the commands whose reply is a block of text meant to be read
 * as it is (INFO, CLIENT LIST, CLUSTER NODES, CLUSTER INFO, LATENCY DOCTOR
 * and GRAPH, DEBUG output). redis-cli keeps a fixed list of such commands
 * and prints their replies verbatim in every output mode, instead of one
 * quoted line full of \r\n; we follow the same rule, adapted to the
 * commands Disque has. The decision is made from the command as typed,
 * not from the reply, so a job body that happens to hold newlines is
 * still shown quoted.
 */
package dev.disque.cli.render;

import java.nio.charset.StandardCharsets;
import java.util.List;

public final class TextBlocks {
    private TextBlocks() {
    }

    /** Whether the reply to this command is printed as plain text. */
    public static boolean isTextBlock(List<byte[]> args) {
        if (args.isEmpty()) return false;
        String cmd = word(args, 0);
        int argc = args.size();
        if (cmd.equalsIgnoreCase("info")) return true;
        // Every DEBUG subcommand that answers with a bulk string answers with a report.
        if (cmd.equalsIgnoreCase("debug")) return argc >= 2;
        if (argc < 2) return false;
        String sub = word(args, 1);
        if (cmd.equalsIgnoreCase("client")) return sub.equalsIgnoreCase("list") || sub.equalsIgnoreCase("info");
        if (cmd.equalsIgnoreCase("cluster")) {
            return argc == 2 && (sub.equalsIgnoreCase("nodes") || sub.equalsIgnoreCase("info"));
        }
        if (cmd.equalsIgnoreCase("latency")) {
            return argc == 2 && sub.equalsIgnoreCase("doctor") || argc == 3 && sub.equalsIgnoreCase("graph");
        }
        return false;
    }

    private static String word(List<byte[]> args, int i) {
        return new String(args.get(i), StandardCharsets.UTF_8);
    }
}
