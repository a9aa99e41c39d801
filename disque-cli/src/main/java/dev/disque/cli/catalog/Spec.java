/*
 * Spec: one entry of the command catalog (a command, or a subcommand such
 * as CLUSTER NODES): its arguments, a one-line summary, its group and the
 * version that introduced it.
 */
package dev.disque.cli.catalog;

import java.util.List;
import java.util.Locale;

public record Spec(String name, List<Param> params, List<Option> options, String summary, Group group, String since) {
    public Spec {
        params = List.copyOf(params);
        options = List.copyOf(options);
    }

    /** The argument syntax after the name, e.g. "queue job &lt;ms-timeout&gt; [REPLICATE &lt;count&gt;] ...". */
    public String syntax() {
        StringBuilder sb = new StringBuilder();
        for (Param p : params) sb.append(sb.length() == 0 ? "" : " ").append(p.display());
        for (Option o : options) sb.append(sb.length() == 0 ? "" : " ").append(o.display());
        return sb.toString();
    }

    /** Name and syntax, as help and the man page show it. */
    public String usage() {
        String s = syntax();
        return s.isEmpty() ? name : name + " " + s;
    }

    /** The first word of the name (CLUSTER for CLUSTER NODES). */
    public String command() {
        int sp = name.indexOf(' ');
        return sp < 0 ? name : name.substring(0, sp);
    }

    /** The subcommand (NODES for CLUSTER NODES), or null. */
    public String subcommand() {
        int sp = name.indexOf(' ');
        return sp < 0 ? null : name.substring(sp + 1);
    }

    public Option option(String word) {
        for (Option o : options) if (o.keyword().equalsIgnoreCase(word)) return o;
        return null;
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
