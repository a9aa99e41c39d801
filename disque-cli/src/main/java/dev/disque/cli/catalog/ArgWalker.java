/*
 * ArgWalker: follows the words typed after a command through its syntax,
 * to know what may come next (for completion) and what is left to type
 * (for hints). Required positional arguments are taken first; after them a
 * word is an option keyword if it names an unused one, else the next
 * positional argument.
 */
package dev.disque.cli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

public final class ArgWalker {
    /**
     * Where the typed words leave the syntax.
     *
     * @param pending an option whose value comes next, or null
     * @param tail    an option with a list of values (FROM queue ...) that took the rest of the line, or null
     * @param param   index of the next positional argument
     * @param taken   values already given to the positional argument at {@code param} (a variadic one)
     * @param used    options already given
     */
    public record State(Spec spec, Option pending, Option tail, int param, int taken, Set<Option> used) {
        /** The positional argument expected next, or null. */
        public Param nextParam() {
            return param < spec.params().size() ? spec.params().get(param) : null;
        }

        /** True while a positional argument that must be given is still missing. */
        public boolean requiredMissing() {
            Param p = nextParam();
            return p != null && !p.optional() && taken == 0;
        }

        /** Options that may still be typed. */
        public List<Option> availableOptions() {
            List<Option> l = new ArrayList<>();
            if (pending != null || tail != null || requiredMissing()) return l;
            for (Option o : spec.options()) if (o.repeatable() || !used.contains(o)) l.add(o);
            return l;
        }

        /** What the next word may be: the value of the pending option or list, else the next positional argument. */
        public Param valueExpected() {
            if (pending != null) return pending.value();
            if (tail != null) return tail.value();
            return nextParam();
        }
    }

    private ArgWalker() {
    }

    public static State walk(Spec spec, List<String> words) {
        Option pending = null;
        Option tail = null;
        int param = 0;
        int taken = 0;
        Set<Option> used = new LinkedHashSet<>();
        List<Param> params = spec.params();
        for (String w : words) {
            if (tail != null) continue;
            if (pending != null) {
                if (pending.value().variadic()) tail = pending;
                pending = null;
                continue;
            }
            boolean required = param < params.size() && !params.get(param).optional() && taken == 0;
            if (!required) {
                Option o = spec.option(w);
                if (o != null && (o.repeatable() || !used.contains(o))) {
                    used.add(o);
                    if (!o.isFlag()) pending = o;
                    continue;
                }
            }
            if (param < params.size()) {
                if (params.get(param).variadic()) {
                    taken++;
                } else {
                    param++;
                    taken = 0;
                }
            }
        }
        return new State(spec, pending, tail, param, taken, used);
    }

    /** The syntax still to type, e.g. "job &lt;ms-timeout&gt; [REPLICATE &lt;count&gt;] ...". */
    public static String remaining(State s) {
        List<String> parts = new ArrayList<>();
        if (s.tail() != null) return s.tail().value().more();
        if (s.pending() != null) {
            Param v = s.pending().value();
            if (v.variadic()) return v.name() + " " + v.more(); // a list takes the rest of the line
            parts.add(v.name());
        }
        List<Param> params = s.spec().params();
        for (int i = s.param(); i < params.size(); i++) {
            Param p = params.get(i);
            parts.add(i == s.param() && s.taken() > 0 ? p.more() : p.display());
        }
        for (Option o : s.spec().options()) {
            if (o.repeatable() || !s.used().contains(o)) parts.add(o.display());
        }
        return String.join(" ", parts);
    }
}
