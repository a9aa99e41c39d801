// Follow the producer, measured on real server processes: a consumer connected to node B reading jobs produced on
// node A makes B import every job by federation; with JobStream.followProducers its GETJOBs move to A and B's imports
// stop. A following stream carries on when the followed node is killed, and follows onto a node that joined later.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.Job;
import dev.disque.testkit.NodeProcess;
import dev.disque.testkit.ProcessCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FollowProducerTest extends ClientFixture {
    /** A round may wait for federation's periodic NEEDJOBS on a slow machine: a longer bound than await's. */
    private static final Duration ROUND_WAIT = Duration.ofSeconds(30);
    private static final int ROUNDS = 10;
    private static final int PER_ROUND = 10;

    private ProcessCluster cluster;
    private NodeProcess producerNode;
    private NodeProcess consumerNode;
    private StatefulDisqueConnection<String, String> producer;
    private StatefulDisqueConnection<String, String> consumer;

    @BeforeEach
    void twoNodesOneProducerOneConsumer() throws IOException {
        cluster = ProcessCluster.start(2, ClusterClientTest.NODE_TIMEOUT);
        producerNode = cluster.node(0);
        consumerNode = cluster.node(1);
        DisqueClientOptions stay = DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO)
                .spreadOverEqualNodes(false).build();
        DisqueClient p = newClient(DisqueURI.create(ClusterClientTest.uri(producerNode)));
        p.setOptions(stay);
        producer = p.connect();
        DisqueClient c = newClient(DisqueURI.create(ClusterClientTest.uri(consumerNode)));
        c.setOptions(stay);
        consumer = c.connect();
        assertEquals(consumerNode.port(), consumer.getCurrentNode().address().port());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** Jobs queued on a node's queue so far: there, the ones imported from the producer's node. */
    private static long jobsIn(NodeProcess s, String queue) {
        Object r = s.call("QSTAT", queue);
        if (!(r instanceof List<?> fields)) return 0;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("jobs-in".equals(fields.get(i))) return (Long) fields.get(i + 1);
        }
        throw new IllegalStateException("no jobs-in in " + r);
    }

    /**
     * Produces ROUNDS rounds of PER_ROUND jobs on the producer's node, each consumed (and acknowledged) by a stream
     * before the next, and returns how many jobs the consumer's node imported meanwhile.
     */
    private long consumeRounds(String queue, boolean follow) {
        return consumeRounds(queue, follow, producer, producerNode);
    }

    private long consumeRounds(String queue, boolean follow, StatefulDisqueConnection<String, String> producer,
            NodeProcess producerNode) {
        JobStream<String, String> stream = consumer.jobStream().queues(queue).pollTimeout(Duration.ofMillis(300))
                .maxBatch(PER_ROUND).followProducers(follow).build();
        JobStreamTest.Manual sub = new JobStreamTest.Manual();
        stream.flux().subscribe(sub);
        long before = jobsIn(consumerNode, queue);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < PER_ROUND; i++) {
                    String id = producer.sync().addjob(queue, "r" + round + "-" + i, AddJobArgs.Builder.replicate(1));
                    assertTrue(id.startsWith("D-" + producerNode.id().substring(0, 8)), id);
                }
                sub.request(PER_ROUND);
                int want = round * PER_ROUND;
                await("round " + round, ROUND_WAIT, () -> sub.received.size() >= want);
            }
            for (Job<String, String> j : sub.received) consumer.sync().fastack(j.id());
        } finally {
            sub.dispose();
        }
        assertEquals(ROUNDS * PER_ROUND, sub.received.size());
        return jobsIn(consumerNode, queue) - before;
    }

    @Test
    void followingTheProducerCutsFederation() {
        long plain = consumeRounds("plain-q", false);
        long following = consumeRounds("follow-q", true);
        System.out.printf("jobs imported by the consumer's node for %d jobs: without following %d, following %d%n",
                ROUNDS * PER_ROUND, plain, following);
        // Without following, every job reached the consumer through its own node.
        assertTrue(plain >= ROUNDS * PER_ROUND, "plain imports " + plain);
        // Following: only the first window (20 jobs, two rounds) and what federation had already asked for.
        assertTrue(following <= 3 * PER_ROUND, "following imports " + following);
    }

    @Test
    void aFollowingStreamCarriesOnWhenTheFollowedNodeIsKilled() {
        JobStream<String, String> stream = consumer.jobStream().queues("stop-q").pollTimeout(Duration.ofMillis(300))
                .maxBatch(PER_ROUND).followProducers(true).build();
        JobStreamTest.Manual sub = new JobStreamTest.Manual();
        stream.flux().subscribe(sub);
        try {
            // Three rounds: the stream follows the producer's node from the third on.
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < PER_ROUND; i++) producer.sync().addjob("stop-q", "x", AddJobArgs.Builder.replicate(1));
                sub.request(PER_ROUND);
                int want = round * PER_ROUND;
                await("round " + round, ROUND_WAIT, () -> sub.received.size() >= want);
            }
            long before = jobsIn(consumerNode, "stop-q");
            producerNode.kill();
            // A PING first: it is sent again on the other node if the old connection was not yet seen reset.
            assertEquals("PONG", producer.sync().ping());
            // The producer fails over to the consumer's node; the stream's GETJOBs go back there too.
            for (int i = 0; i < PER_ROUND; i++) producer.sync().addjob("stop-q", "after", AddJobArgs.Builder.replicate(1));
            assertEquals(consumerNode.port(), producer.getCurrentNode().address().port());
            sub.request(PER_ROUND);
            await("the round after the stop", ROUND_WAIT, () -> sub.received.size() >= 4 * PER_ROUND);
            assertEquals(before + PER_ROUND, jobsIn(consumerNode, "stop-q"), "queued on the surviving node");
            assertEquals(PER_ROUND, sub.received.stream().filter(j -> j.body().equals("after")).count());
        } finally {
            sub.dispose();
        }
    }

    @Test
    void followsAProducerOnANodeThatJoinedAfterTheLastHello() throws IOException {
        assertEquals(2, consumer.getNodes().size());
        NodeProcess late = cluster.addNode();
        DisqueClient p = newClient(DisqueURI.create(ClusterClientTest.uri(late)));
        p.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).spreadOverEqualNodes(false).build());
        StatefulDisqueConnection<String, String> lateProducer = p.connect();
        // The consumer's periodic refresh is off: only the stream's own HELLO can find the new node.
        long following = consumeRounds("late-q", true, lateProducer, late);
        System.out.printf("jobs imported by the consumer's node from a node that joined later: %d of %d%n",
                following, ROUNDS * PER_ROUND);
        assertTrue(consumer.getNodes().stream().anyMatch(n -> late.id().equals(n.id())), "learned the new node");
        // The first window, plus at most the round fetched while the HELLO that finds the new node was under way.
        assertTrue(following <= 4 * PER_ROUND, "following imports " + following);
    }
}
