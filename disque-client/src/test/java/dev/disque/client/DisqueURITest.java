// DisqueURI: parsing of disque:// and disques:// URIs (nodes, password, TLS, parameters) and the builder.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.cluster.NodeAddress;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisqueURITest {

    @Test
    void oneNodeWithDefaults() {
        DisqueURI u = DisqueURI.create("disque://localhost");
        assertEquals(List.of(new NodeAddress("localhost", 7711)), u.getNodes());
        assertNull(u.getPassword());
        assertFalse(u.isSsl());
        assertEquals(Duration.ofSeconds(60), u.getTimeout());
    }

    @Test
    void severalNodesPasswordAndTimeout() {
        DisqueURI u = DisqueURI.create("disque://pw@10.0.0.1:7711,10.0.0.2:7712,[::1]:7713/?timeout=500ms");
        assertEquals(List.of(new NodeAddress("10.0.0.1", 7711), new NodeAddress("10.0.0.2", 7712),
                new NodeAddress("::1", 7713)), u.getNodes());
        assertArrayEquals("pw".toCharArray(), u.getPassword());
        assertEquals(Duration.ofMillis(500), u.getTimeout());
        assertEquals("disque://***@10.0.0.1:7711,10.0.0.2:7712,[::1]:7713", u.toString());
    }

    @Test
    void tlsScheme() {
        DisqueURI u = DisqueURI.create("disques://:p%40ss@h:1?verifyPeer=false&timeout=3");
        assertTrue(u.isSsl());
        assertFalse(u.isVerifyPeer());
        assertArrayEquals("p@ss".toCharArray(), u.getPassword());
        assertEquals(Duration.ofSeconds(3), u.getTimeout());
        RedisURI r = u.toRedisURI(u.getNodes().get(0), u.getPassword());
        assertTrue(r.isSsl());
        assertEquals("h", r.getHost());
        assertEquals(1, r.getPort());
    }

    @Test
    void lettuceUriCarriesNoLibraryHandshake() {
        DisqueURI u = DisqueURI.create("disque://h:1");
        RedisURI r = u.toRedisURI(u.getNodes().get(0), null);
        assertEquals("", r.getLibraryName());
        assertEquals("", r.getLibraryVersion());
    }

    @Test
    void malformed() {
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("redis://h:1"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("h:1"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque://"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque://h:notaport"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque://h:1?nope=1"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.builder().build());
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.builder().withTimeout(Duration.ZERO));
    }

    @Test
    void builderAndMutate() {
        DisqueURI u = DisqueURI.builder().withNode("a", 1).withNode("b", 2).withPassword("x").withSsl(true).build();
        DisqueURI v = u.mutate().withNode("c", 3).build();
        assertEquals(3, v.getNodes().size());
        assertTrue(v.isSsl());
        assertEquals(DisqueURI.create("a", 1).getNodes(), List.of(new NodeAddress("a", 1)));
    }

    @Test
    void unixSocket() {
        DisqueURI u = DisqueURI.create("disque-socket:///run/disque/disque.sock?timeout=2s");
        assertEquals(List.of(NodeAddress.unixSocket("/run/disque/disque.sock")), u.getNodes());
        assertTrue(u.getNodes().get(0).isUnixSocket());
        assertEquals(Duration.ofSeconds(2), u.getTimeout());
        assertNull(u.getPassword());
        assertEquals("disque-socket:///run/disque/disque.sock", u.toString());
        RedisURI r = u.toRedisURI(u.getNodes().get(0), null);
        assertEquals("/run/disque/disque.sock", r.getSocket());

        DisqueURI p = DisqueURI.create("disque-socket://:s%40cret@/tmp/a%20b.sock");
        assertArrayEquals("s@cret".toCharArray(), p.getPassword());
        assertEquals("/tmp/a b.sock", p.getNodes().get(0).socket());
        assertEquals("disque-socket://***@/tmp/a b.sock", p.toString());

        assertEquals(u.getNodes(), DisqueURI.builder().withSocket("/run/disque/disque.sock").build().getNodes());
        assertFalse(new NodeAddress("h", 1).isUnixSocket());
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque-socket://relative.sock"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque-socket://"));
        assertThrows(IllegalArgumentException.class, () -> DisqueURI.create("disque-socket:///s?nope=1"));
    }
}
