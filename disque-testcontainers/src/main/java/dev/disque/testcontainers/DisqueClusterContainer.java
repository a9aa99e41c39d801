/*
 * DisqueClusterContainer: an N-node Disque cluster in containers, for tests
 * where Docker runs. The nodes are DisqueContainers on a Docker network of
 * their own (alias disque-0, disque-1, ...), each with its client port
 * mapped to the host and its cluster bus (17711) reached only inside that
 * network, as in a real deployment. Once they run, every node but the
 * first is told, through its mapped port, to CLUSTER MEET the first at its
 * address on that network (MEET takes an IP, not a name) with the bus port
 * named, and start() returns when they form a full mesh (ClusterJoin).
 */
package dev.disque.testcontainers;

import dev.disque.testkit.ClusterJoin;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A Disque cluster of N containers, joined into a full mesh when it starts.
 *
 * <pre>{@code
 * @Container
 * static DisqueClusterContainer cluster = new DisqueClusterContainer("disque-java:latest", 3)
 *         .withConfig("requirepass", "s3cret");
 *
 * DisqueClient client = DisqueClient.create(cluster.getDisqueUri());   // every node's mapped port
 * }</pre>
 */
public class DisqueClusterContainer implements Startable {
    /** The cluster bus port inside every container (the client port + 10000, set explicitly). */
    public static final int BUS_PORT = DisqueContainer.DISQUE_PORT + 10000;
    /** Node i is {@code disque-i} on the cluster's network. */
    static final String ALIAS_PREFIX = "disque-";

    private final Network network = Network.newNetwork();
    private final List<DisqueContainer> nodes;
    private Duration meshTimeout = Duration.ofMinutes(2);

    /**
     * @param image an image built from server-lite/Dockerfile, e.g. {@code disque-java:latest}
     * @param nodes how many nodes, at least 1
     */
    public DisqueClusterContainer(String image, int nodes) {
        this(DockerImageName.parse(image), nodes);
    }

    /**
     * @param image an image built from server-lite/Dockerfile
     * @param nodes how many nodes, at least 1
     */
    public DisqueClusterContainer(DockerImageName image, int nodes) {
        this(nodes, () -> new DisqueContainer(image));
    }

    /**
     * @param image an image being built, such as an {@code ImageFromDockerfile} of server-lite/Dockerfile
     *        (built once, for every node)
     * @param nodes how many nodes, at least 1
     */
    public DisqueClusterContainer(Future<String> image, int nodes) {
        this(nodes, () -> new DisqueContainer(image));
    }

    private DisqueClusterContainer(int count, Supplier<DisqueContainer> node) {
        if (count < 1) throw new IllegalArgumentException("a cluster of " + count + " nodes: at least one");
        List<DisqueContainer> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(node.get().withNetwork(network).withNetworkAliases(ALIAS_PREFIX + i)
                    .withConfig("cluster-port", Integer.toString(BUS_PORT)));
        }
        this.nodes = List.copyOf(made);
    }

    /**
     * Sets a directive of disque.conf on every node (see {@link DisqueContainer#withConfig}), for example
     * {@code requirepass}, which {@link #getDisqueUri()} then carries, or {@code cluster-password}.
     * {@code port} and {@code cluster-port} cannot be changed: the MEETs are made for 7711 and 17711.
     *
     * @param directive a directive name
     * @param value its value
     * @return this cluster
     */
    public DisqueClusterContainer withConfig(String directive, String value) {
        if (directive != null && directive.toLowerCase(Locale.ROOT).equals("cluster-port")) {
            throw new IllegalArgumentException("the cluster bus port inside the containers is " + BUS_PORT);
        }
        for (DisqueContainer n : nodes) n.withConfig(directive, value);
        return this;
    }

    /**
     * @param timeout how long {@link #start()} waits for the nodes to form a full mesh once they run (2 minutes
     *        unless set)
     * @return this cluster
     */
    public DisqueClusterContainer withMeshTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the mesh timeout must be positive");
        }
        this.meshTimeout = timeout;
        return this;
    }

    /** @return the nodes in order, e.g. to stop one, or for a client of that node alone */
    public List<DisqueContainer> getNodes() {
        return nodes;
    }

    /** @return the nodes' network, which containers of the code under test may join too */
    public Network getNetwork() {
        return network;
    }

    /**
     * @return {@code disque://[:password@]host:port1,host:port2,...}: every node's mapped client port, in
     *         order, with {@code requirepass} when it was set
     */
    public String getDisqueUri() {
        List<Integer> ports = nodes.stream().map(n -> n.getMappedPort(DisqueContainer.DISQUE_PORT)).toList();
        return DisqueContainer.uri(nodes.get(0).getHost(), ports, password());
    }

    /** Starts every node, then joins them; returns when they form a full mesh. Stops them all on failure. */
    @Override
    public void start() {
        try {
            Startables.deepStart(nodes).join();
            if (nodes.size() > 1) ClusterJoin.join(joinNodes(), password(), meshTimeout);
        } catch (RuntimeException e) {
            try {
                stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Stops every node and removes the network. */
    @Override
    public void stop() {
        RuntimeException failure = null;
        for (DisqueContainer n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            if (failure == null) failure = e;
            else failure.addSuppressed(e);
        }
        if (failure != null) throw failure;
    }

    /** The command every node but the first is sent: meet the first one at its address on the network. */
    static List<String> meetCommand(String firstNodeIp) {
        return ClusterJoin.meetCommand(new ClusterJoin.Node("", 0, firstNodeIp, DisqueContainer.DISQUE_PORT, BUS_PORT));
    }

    /** Each node as the join sees it: reached through its mapped port, met at its network address. */
    private List<ClusterJoin.Node> joinNodes() {
        String networkId = network.getId();
        List<ClusterJoin.Node> out = new ArrayList<>(nodes.size());
        for (DisqueContainer n : nodes) {
            out.add(new ClusterJoin.Node(n.getHost(), n.getMappedPort(DisqueContainer.DISQUE_PORT), networkIp(n, networkId),
                    DisqueContainer.DISQUE_PORT, BUS_PORT));
        }
        return out;
    }

    private static String networkIp(DisqueContainer node, String networkId) {
        for (ContainerNetwork n : node.getContainerInfo().getNetworkSettings().getNetworks().values()) {
            if (networkId.equals(n.getNetworkID())) return n.getIpAddress();
        }
        throw new IllegalStateException("container " + node.getContainerId() + " is not on network " + networkId);
    }

    private String password() {
        return nodes.get(0).getConfig().getOrDefault("requirepass", "");
    }
}
