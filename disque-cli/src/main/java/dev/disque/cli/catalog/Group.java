/*
 * Group: the families of commands that `help @group` lists.
 */
package dev.disque.cli.catalog;

import java.util.Locale;

public enum Group {
    CONNECTION("Authenticate, ping and manage client connections"),
    SERVER("Inspect and administer the server"),
    CLUSTER("Nodes of the cluster"),
    QUEUES("Inspect and control queues"),
    JOBS("Add, fetch, acknowledge and inspect jobs"),
    TASQUE("Views of tasque's task queues, which the CLI computes with plain Disque commands");

    private final String description;

    Group(String description) {
        this.description = description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static Group of(String label) {
        for (Group g : values()) if (g.label().equalsIgnoreCase(label)) return g;
        return null;
    }
}
