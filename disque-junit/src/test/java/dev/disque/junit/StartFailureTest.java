/*
 * StartFailureTest: when @EmbeddedDisque cannot give a test what it asked
 * for, it says why and leaves nothing running. Two nodes told to listen on
 * the same port: the second cannot bind, and the first, already serving,
 * must be stopped before the error reaches JUnit (its port is free again).
 * A node count below one is refused by name.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StartFailureTest {
    /** An @EmbeddedDisque made at run time, for a port only known then. */
    private record Embedded(int nodes, String[] config) implements EmbeddedDisque {
        @Override
        public int meshTimeoutSeconds() {
            return 60;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return EmbeddedDisque.class;
        }
    }

    @Test
    void stopsTheNodesAlreadyStartedWhenAnotherCannotStart() throws Exception {
        int port = freePortPair();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunningDisque.start(new Embedded(2, new String[] {"port " + port})));
        assertTrue(e.getMessage().contains("Could not listen") && e.getMessage().contains(Integer.toString(port)),
                e.getMessage());
        // The first node had both ports; binding them here proves it let them go.
        bind(port).close();
        bind(port + 10000).close();
    }

    @Test
    void refusesFewerThanOneNode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunningDisque.start(new Embedded(0, new String[0])));
        assertTrue(e.getMessage().contains("@EmbeddedDisque(nodes = 0): at least one node"), e.getMessage());
    }

    /**
     * A free client port whose bus port (+ 10000) is free too, both below the kernel's ephemeral range
     * (32768 and up on Linux) so that no outgoing connection takes them meanwhile.
     */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 200; i++) {
            int p = ThreadLocalRandom.current().nextInt(12000, 22000);
            try (ServerSocket a = bind(p); ServerSocket b = bind(p + 10000)) {
                // Both bound, so both were free: close them and hand the pair out.
                if (a.isBound() && b.isBound()) return p;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair found below 32000");
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
