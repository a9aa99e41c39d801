/*
 * StartingHostTest: the address a node advertises before any peer reached
 * it. One specific bind address is the answer; on every interface or on
 * several, none yet (a peer's MEET teaches it, as in the original), never a
 * wildcard that a remote client could not connect to.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartingHostTest {
    @Test
    void oneSpecificBindIsTheAddress() {
        assertEquals("127.0.0.1", Gossip.startingHost(List.of("127.0.0.1")));
        assertEquals("10.1.2.3", Gossip.startingHost(List.of("10.1.2.3")));
    }

    @Test
    void wildcardsAndSeveralAddressesWaitForAPeer() {
        assertEquals("", Gossip.startingHost(List.of("0.0.0.0")));
        assertEquals("", Gossip.startingHost(List.of("::")));
        assertEquals("", Gossip.startingHost(List.of("127.0.0.1", "10.1.2.3")));
    }
}
