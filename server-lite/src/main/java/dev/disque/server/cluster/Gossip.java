/*
 * Gossip: membership and failure detection.
 *
 * CLUSTER MEET opens a link to an address and greets it with MEET; the
 * answer's sender ID turns that handshake into a member. Every PING, PONG
 * and MEET carries a few known nodes, so a node met once learns about the
 * rest and meets them by itself: a chain of MEETs becomes a full mesh.
 *
 * Failure detection follows the original: a peer that leaves a ping
 * unanswered longer than the node timeout is flagged PFAIL (fail?) by the
 * observer; gossip carries those flags, each one counting as a failure
 * report; when a majority of the known nodes (this one included) report a
 * node within twice the node timeout, it is flagged FAIL and a FAIL
 * message tells everyone. Both flags go away when the node answers again.
 * The set of reachable nodes (members neither failing nor leaving) is
 * what replication picks copies from.
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Frame;
import dev.disque.server.cluster.bus.Link;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Gossip {
    private static final Logger log = LoggerFactory.getLogger(Gossip.class);
    /** At most this many nodes are described in one PING besides the failing ones. */
    static final int GOSSIP_ENTRIES = 30;

    private final ClusterState state;
    private final ClusterBus bus;
    private final Clock clock;
    private final LongSupplier nodeTimeout;
    private int cronRuns;

    public Gossip(ClusterState state, ClusterBus bus, Clock clock, LongSupplier nodeTimeout) {
        this.state = state;
        this.bus = bus;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
    }

    /** CLUSTER MEET: starts a handshake with the node at that address. */
    public void meet(String host, int port, int busPort) {
        for (Node n : state.nodes()) {
            if (n.has(Node.HANDSHAKE) && n.host().equals(host) && n.port() == port) return;
        }
        Node n = new Node(Node.randomId(), host, port);
        n.setBusPort(busPort);
        n.set(Node.HANDSHAKE);
        n.set(Node.MEET);
        state.add(n, clock.millis());
        bus.connect(n);
    }

    // ------------------------------------------------------------- receiving

    /** Handles membership messages; returns false for other messages. */
    public boolean handle(Link link, Frame f, Node sender) {
        Message m = f.message();
        long now = clock.millis();
        if (m instanceof Message.Meet meet) {
            if (sender == null && !state.isBanned(f.sender(), now)) {
                String host = link.remoteHost();
                Node n = new Node(f.sender(), host == null ? "" : host, f.port());
                n.setBusPort(f.busPort());
                if (state.add(n, now)) {
                    log.info("Node {} ({}:{}) met us, adding it to the cluster", n.id(), n.host(), n.port());
                    sender = n;
                    state.changed();
                    bus.connect(n);
                }
            }
            bus.reply(link, new Message.Pong(gossipSection()));
            if (sender != null) readGossip(sender, meet.gossip());
            return true;
        }
        if (m instanceof Message.Ping ping) {
            bus.reply(link, new Message.Pong(gossipSection()));
            if (sender != null && !sender.has(Node.HANDSHAKE)) readGossip(sender, ping.gossip());
            return true;
        }
        if (m instanceof Message.Pong pong) {
            Node target = link.node();
            if (target != null && target.has(Node.HANDSHAKE)) {
                finishHandshake(target, f);
                return true;
            }
            if (target != null && !target.id().equals(f.sender())) {
                // Another node answers at that address now (it was reset, or replaced).
                log.warn("Node {} at {}:{} now answers as {}; marking it noaddr", target.id(), target.host(),
                        target.port(), f.sender());
                target.set(Node.NOADDR);
                bus.disconnect(target);
                return true;
            }
            if (sender != null && target == sender) {
                sender.setPongReceived(now);
                sender.setPingSent(0);
                sender.clear(Node.MEET);
                clearFailure(sender);
                readGossip(sender, pong.gossip());
            }
            return true;
        }
        if (m instanceof Message.Fail fail) {
            Node failing = state.lookup(fail.nodeId());
            if (sender != null && failing != null && !failing.has(Node.MYSELF) && !failing.has(Node.FAIL)) {
                log.info("FAIL message received from {} about {}", sender.id(), failing.id());
                failing.set(Node.FAIL);
                failing.clear(Node.PFAIL);
            }
            return true;
        }
        return false;
    }

    /** Updates what the header tells about its sender: ports and the leaving flag. */
    public void readHeader(Node sender, Frame f) {
        if (sender.has(Node.HANDSHAKE)) return;
        boolean changed = false;
        if (f.port() != sender.port() || f.busPort() != sender.busPort()) {
            sender.setAddress(sender.host(), f.port());
            sender.setBusPort(f.busPort());
            changed = true;
        }
        boolean leaving = (f.flags() & Node.LEAVING) != 0;
        if (leaving != sender.has(Node.LEAVING)) {
            if (leaving) sender.set(Node.LEAVING);
            else sender.clear(Node.LEAVING);
            changed = true;
        }
        if (changed) state.changed();
    }

    private void finishHandshake(Node handshake, Frame f) {
        state.remove(handshake);
        bus.disconnect(handshake);
        if (state.lookup(f.sender()) != null || f.sender().equals(state.myself().id())) return;
        Node n = new Node(f.sender(), handshake.host(), f.port());
        n.setBusPort(f.busPort());
        long now = clock.millis();
        if (state.add(n, now)) {
            n.setPongReceived(now);
            log.info("Handshake with {}:{} completed: node {}", n.host(), n.port(), n.id());
            state.changed();
            bus.connect(n);
        }
    }

    private void clearFailure(Node n) {
        if (n.has(Node.PFAIL)) n.clear(Node.PFAIL);
        if (n.has(Node.FAIL)) {
            log.info("Clear FAIL state for node {}: it is reachable again", n.id());
            n.clear(Node.FAIL);
        }
    }

    private void readGossip(Node sender, List<Message.Gossip> entries) {
        long now = clock.millis();
        for (Message.Gossip g : entries) {
            if (g.id().equals(state.myself().id())) continue;
            Node n = state.lookup(g.id());
            if (n != null) {
                if ((g.flags() & (Node.PFAIL | Node.FAIL)) != 0) {
                    if (n.addFailReport(sender, now)) log.debug("Node {} reported node {} as failing", sender.id(), n.id());
                    markFailIfNeeded(n);
                } else {
                    n.removeFailReport(sender);
                }
                continue;
            }
            if (g.host().isEmpty() || g.busPort() <= 0 || state.isBanned(g.id(), now)) continue;
            // A node at our own address is an old identity of this node (CLUSTER RESET HARD).
            Node me = state.myself();
            if (g.host().equals(me.host()) && g.port() == me.port()) continue;
            Node learned = new Node(g.id(), g.host(), g.port());
            learned.setBusPort(g.busPort());
            learned.set(Node.MEET);
            if (state.add(learned, now)) {
                log.info("Learned about node {} ({}:{}) from {}", learned.id(), learned.host(), learned.port(), sender.id());
                state.changed();
                bus.connect(learned);
            }
        }
    }

    private void markFailIfNeeded(Node n) {
        if (!n.has(Node.PFAIL) || n.has(Node.FAIL)) return;
        int reports = n.validFailReports(clock.millis(), nodeTimeout.getAsLong() * 2);
        if (reports + 1 < state.failQuorum()) return;
        log.info("Marking node {} as failing (quorum reached)", n.id());
        n.set(Node.FAIL);
        n.clear(Node.PFAIL);
        for (Node peer : state.nodes()) {
            if (peer != n && !peer.has(Node.MYSELF) && !peer.has(Node.HANDSHAKE)) bus.send(peer, new Message.Fail(n.id()));
        }
    }

    /** What a PING/PONG/MEET tells about others: up to GOSSIP_ENTRIES nodes, and every failing one. */
    private List<Message.Gossip> gossipSection() {
        List<Node> candidates = new ArrayList<>();
        List<Message.Gossip> out = new ArrayList<>();
        for (Node n : state.nodes()) {
            if (n.has(Node.MYSELF) || n.has(Node.HANDSHAKE) || n.has(Node.NOADDR)) continue;
            if (n.has(Node.PFAIL) || n.has(Node.FAIL)) out.add(entry(n));
            else candidates.add(n);
        }
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        for (int i = 0; i < candidates.size() && i < GOSSIP_ENTRIES; i++) out.add(entry(candidates.get(i)));
        return out;
    }

    private static Message.Gossip entry(Node n) {
        int flags = n.flags() & (Node.PFAIL | Node.FAIL | Node.LEAVING);
        return new Message.Gossip(n.id(), n.host(), n.port(), n.busPort(), flags);
    }

    // ------------------------------------------------------------------ links

    /** A link to a peer is open: greet it, and count a ping as sent. */
    public void onLinkReady(Link link) {
        Node n = link.node();
        boolean meet = n.has(Node.MEET) || n.has(Node.HANDSHAKE);
        List<Message.Gossip> g = gossipSection();
        bus.send(n, meet ? new Message.Meet(g) : new Message.Ping(g));
        if (n.pingSent() == 0) n.setPingSent(clock.millis());
    }

    // ------------------------------------------------------------------- cron

    /** Runs every 100 ms: handshakes, links, pings, failure flags, the reachable set. */
    public void cron() {
        long now = clock.millis();
        long timeout = nodeTimeout.getAsLong();
        cronRuns++;
        for (Node n : new ArrayList<>(state.nodes())) {
            if (n.has(Node.MYSELF)) continue;
            if (n.has(Node.HANDSHAKE)) {
                if (now - n.createdMillis() > Math.max(timeout, 1000)) {
                    log.info("Handshake with {}:{} timed out", n.host(), n.port());
                    bus.disconnect(n);
                    state.remove(n);
                }
                continue;
            }
            if (n.has(Node.NOADDR)) continue;
            if (!bus.hasLink(n)) {
                bus.connect(n);
                // A peer we cannot even connect to counts as a ping left unanswered.
                if (n.pingSent() == 0) n.setPingSent(now);
            }
        }
        if (cronRuns % 10 == 0) pingOldest(now);
        for (Node n : state.nodes()) {
            if (n.has(Node.MYSELF) || n.has(Node.HANDSHAKE) || n.has(Node.NOADDR)) continue;
            boolean linked = bus.isLinked(n);
            if (linked && n.pingSent() == 0 && now - n.pongReceived() > timeout / 2) ping(n, now);
            if (n.pingSent() != 0 && now - n.pingSent() > timeout / 2 && linked) {
                // Half the timeout without an answer: the link may be stuck; a new one is cheap.
                bus.disconnect(n);
            }
            if (n.pingSent() != 0 && now - n.pingSent() > timeout && !n.has(Node.PFAIL) && !n.has(Node.FAIL)) {
                log.info("*** NODE {} possibly failing", n.id());
                n.set(Node.PFAIL);
            }
            if (n.has(Node.PFAIL)) markFailIfNeeded(n);
        }
        updateReachable();
    }

    /** Once a second: ping the node, of five random ones, we heard from least recently. */
    private void pingOldest(long now) {
        List<Node> linked = new ArrayList<>();
        for (Node n : state.nodes()) {
            if (!n.has(Node.MYSELF) && !n.has(Node.HANDSHAKE) && n.pingSent() == 0 && bus.isLinked(n)) linked.add(n);
        }
        if (linked.isEmpty()) return;
        Node oldest = null;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            Node n = linked.get(rnd.nextInt(linked.size()));
            if (oldest == null || n.pongReceived() < oldest.pongReceived()) oldest = n;
        }
        ping(oldest, now);
    }

    private void ping(Node n, long now) {
        if (bus.send(n, new Message.Ping(gossipSection())) && n.pingSent() == 0) n.setPingSent(now);
    }

    /**
     * Recomputes the nodes replication may use: every member not failing,
     * not leaving and with an address. Like the original, a missing link does
     * not exclude a node here (replication skips it when sending); failure
     * detection does.
     */
    public void updateReachable() {
        List<Node> reachable = new ArrayList<>();
        for (Node n : state.nodes()) {
            if (n.has(Node.MYSELF) || n.has(Node.HANDSHAKE) || n.has(Node.LEAVING) || n.has(Node.NOADDR)) continue;
            if (n.has(Node.PFAIL) || n.has(Node.FAIL)) continue;
            reachable.add(n);
        }
        state.setReachable(reachable);
    }
}
