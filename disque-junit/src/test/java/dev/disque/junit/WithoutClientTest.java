/*
 * WithoutClientTest: disque-client is an optional dependency of
 * disque-junit, so the extension must work for a test that has no Lettuce
 * and no disque-client on its class path, as long as it asks only for
 * DisqueServer or List<DisqueServer> (forming a cluster needs no client
 * either). The subject test class and the extension are loaded here by a
 * class loader that hides dev.disque.client and io.lettuce (JUnit and the
 * server come from the usual loader), then run through JUnit's engine.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class WithoutClientTest {
    /** Run only through the hiding loader below (Surefire skips nested classes). */
    @EmbeddedDisque
    static class Subject {
        @Test
        void getsAServerWithNoClientAround(DisqueServer server) throws Exception {
            ClassLoader mine = getClass().getClassLoader();
            assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.disque.client.DisqueURI", false, mine));
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.lettuce.core.RedisClient", false, mine));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = s.getInputStream().readNBytes(7);
                assertEquals("+PONG\r\n", new String(reply, StandardCharsets.US_ASCII));
            }
        }

        @Test
        @EmbeddedDisque(nodes = 2)
        void getsAClusterWithNoClientAround(List<DisqueServer> nodes) {
            for (DisqueServer node : nodes) {
                assertEquals(Integer.valueOf(2), node.inspect(e -> e.cluster().nodes().size()));
                assertEquals(Integer.valueOf(1), node.inspect(e -> e.cluster().reachableOthers()));
            }
        }
    }

    /** Defines dev.disque.junit classes itself (so their references resolve here) and hides the client. */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.disque.client.") || name.startsWith("io.lettuce.")) {
                throw new ClassNotFoundException(name + " (hidden: no disque-client on this class path)");
            }
            if (!name.startsWith("dev.disque.junit.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) throw new ClassNotFoundException(name);
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    @Test
    void theExtensionNeedsNoClientForTheServerAlone() throws Exception {
        Class<?> subject = new HidingLoader(getClass().getClassLoader()).loadClass(Subject.class.getName());
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject)).execute();
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
    }
}
