/*
 * Option: a keyword argument such as REPLICATE <count>, ASYNC, or the
 * FROM that starts GETJOB's list of queues.
 */
package dev.disque.cli.catalog;

public record Option(String keyword, Param value, boolean repeatable, boolean required) {
    public boolean isFlag() {
        return value == null;
    }

    public String display() {
        String s = keyword;
        if (value != null) s += " " + (value.variadic() ? value.name() + " [" + value.name() + " ...]" : value.name());
        if (repeatable) s += " ...";
        return required ? s : "[" + s + "]";
    }
}
