/*
 * DisqueContainer: a Disque server in a container, for tests where Docker
 * runs. The image is the one server-lite/Dockerfile builds (give its name,
 * or an ImageFromDockerfile to build it on the fly); its config already
 * binds 0.0.0.0 and keeps data in /data, so what a test adds with
 * withConfig() becomes "--name value" arguments applied after that file,
 * the same command line `docker run IMAGE --name value` would give.
 */
package dev.disque.testcontainers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Disque server container.
 *
 * <pre>{@code
 * @Container
 * static DisqueContainer disque = new DisqueContainer("disque-java:latest")
 *         .withConfig("maxmemory", "100mb");
 *
 * DisqueClient client = DisqueClient.create(disque.getDisqueUri());
 * }</pre>
 */
public class DisqueContainer extends GenericContainer<DisqueContainer> {
    /** The client port inside the container. */
    public static final int DISQUE_PORT = 7711;

    /** The server's log line once it listens (the wait strategy's pattern; each log frame ends in a newline). */
    static final String READY_LOG = ".*The server is now ready to accept connections on .*\\n";

    private final Map<String, String> config = new LinkedHashMap<>();

    /**
     * @param image an image built from server-lite/Dockerfile, e.g. {@code disque-java:latest}
     */
    public DisqueContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /**
     * @param image an image built from server-lite/Dockerfile
     */
    public DisqueContainer(DockerImageName image) {
        super(image);
        init();
    }

    /**
     * @param image an image being built, such as an {@code ImageFromDockerfile} of server-lite/Dockerfile
     */
    public DisqueContainer(Future<String> image) {
        super(image);
        init();
    }

    private void init() {
        addExposedPort(DISQUE_PORT);
        // The server logs this once it listens; the image's health check would only start after its interval.
        waitingFor(Wait.forLogMessage(READY_LOG, 1)
                .withStartupTimeout(Duration.ofSeconds(90)));
        applyCommand();
    }

    /**
     * Sets a directive of disque.conf for the server, given after the image's own config so it wins.
     * {@code port} cannot be changed: the container's port mapping is made for 7711.
     *
     * @param directive a directive name, e.g. {@code maxmemory}
     * @param value its value, one argument, e.g. {@code 100mb}
     * @return this container
     */
    public DisqueContainer withConfig(String directive, String value) {
        if (directive == null || directive.isEmpty() || directive.startsWith("-") || directive.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a directive name: '" + directive + "'");
        }
        if (directive.equalsIgnoreCase("port")) {
            throw new IllegalArgumentException("the container's port is " + DISQUE_PORT + "; use getMappedPort() from outside");
        }
        config.put(directive.toLowerCase(Locale.ROOT), value == null ? "" : value);
        applyCommand();
        return self();
    }

    /** @return the directives given with {@link #withConfig}, in order */
    public Map<String, String> getConfig() {
        return Collections.unmodifiableMap(config);
    }

    private void applyCommand() {
        List<String> args = new ArrayList<>();
        config.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        setCommand(args.toArray(new String[0]));
    }

    /**
     * @return {@code disque://[:password@]host:port} for the started container, the password being
     *         {@code requirepass} when it was set with {@link #withConfig}
     */
    public String getDisqueUri() {
        return uri(getHost(), getMappedPort(DISQUE_PORT), config.getOrDefault("requirepass", ""));
    }

    /** The URI for a host and port; its own method so that it can be checked without a container. */
    static String uri(String host, int port, String password) {
        return uri(host, List.of(port), password);
    }

    /** The URI for several ports of one host, one node each, in order (as DisqueClusterContainer needs). */
    static String uri(String host, List<Integer> ports, String password) {
        // Percent-escapes only: a URI's userinfo takes "+" literally, so a space must be %20.
        String auth = password.isEmpty() ? ""
                : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") + "@";
        StringBuilder sb = new StringBuilder("disque://").append(auth);
        for (int i = 0; i < ports.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(host).append(':').append(ports.get(i));
        }
        return sb.toString();
    }
}
