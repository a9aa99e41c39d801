/*
 * MeshCheck: whether a set of nodes is one whole cluster: every node
 * answers, knows exactly the others (no stranger, none missing: the same
 * view everywhere), sees none of them failing, in handshake or without an
 * address, has a connected bus link to each and counts all of them
 * reachable. That is when a job can be replicated anywhere, so both
 * `--cluster check` and the wait of `create` and `add-node` use it. A
 * leaving node is a warning, not a fault: leaving is what an operator asked.
 */
package dev.disque.cli.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class MeshCheck {
    /** The faults found (the cluster is whole when there are none) and the warnings. */
    public record Report(List<String> problems, List<String> warnings) {
        public boolean whole() {
            return problems.isEmpty();
        }
    }

    private MeshCheck() {
    }

    /** Checks the probes against the IDs the cluster should have. */
    public static Report check(List<NodeProbe> probes, Set<String> ids) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (NodeProbe p : probes) {
            String at = p.address() + ": ";
            if (!p.ok()) {
                problems.add(at + "does not answer (" + p.error() + ")");
                continue;
            }
            Set<String> seen = new HashSet<>();
            int leavingPeers = 0;
            for (NodeLine n : p.nodes()) {
                seen.add(n.id());
                String who = n.shortId() + " (" + n.address() + ")";
                if (n.myself()) {
                    if (n.has("leaving")) warnings.add(at + "is leaving the cluster");
                    continue;
                }
                if (n.has("leaving") && ids.contains(n.id())) leavingPeers++;
                if (!ids.contains(n.id()) && !n.has("handshake")) problems.add(at + "knows a stranger " + who);
                for (String flag : NodeLine.TROUBLE) if (n.has(flag)) problems.add(at + "sees " + who + " as " + flag);
                if (!n.connected()) problems.add(at + "has no link to " + who);
            }
            for (String id : ids) {
                if (!seen.contains(id)) problems.add(at + "does not know " + (id.length() > 8 ? id.substring(0, 8) : id));
            }
            // Peers known to be leaving are not counted reachable: no new job goes to them.
            int expected = ids.size() - 1 - leavingPeers;
            String reachable = p.field("cluster_reachable_nodes");
            if (!Integer.toString(expected).equals(reachable)) {
                problems.add(at + "reaches " + reachable + " of the " + expected + " other nodes it should");
            }
        }
        return new Report(problems, warnings);
    }
}
