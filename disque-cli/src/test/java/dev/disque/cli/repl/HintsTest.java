/*
 * HintsTest: the syntax hint for a line being typed, as the catalog and
 * ArgWalker compute it: it follows positional arguments, drops options
 * already given, shows the value an option waits for, and stays quiet
 * mid-word or after the last argument.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.disque.cli.catalog.CommandCatalog;
import org.junit.jupiter.api.Test;

class HintsTest {
    private final Hints hints = new Hints(CommandCatalog.get());

    @Test
    void addjob() {
        String all = "queue job <ms-timeout> [REPLICATE <count>] [DELAY <sec>] [RETRY <sec>] [TTL <sec>] [MAXLEN <count>] [ASYNC]";
        assertEquals(" " + all, hints.hint("addjob"));
        assertEquals(all, hints.hint("addjob "));
        assertEquals(all, hints.hint("ADDJOB   "));
        assertEquals("job <ms-timeout> [REPLICATE <count>] [DELAY <sec>] [RETRY <sec>] [TTL <sec>] [MAXLEN <count>] [ASYNC]",
                hints.hint("addjob q "));
        assertEquals("<sec> [REPLICATE <count>] [DELAY <sec>] [RETRY <sec>] [MAXLEN <count>] [ASYNC]",
                hints.hint("addjob q \"a body\" 0 TTL "));
        assertEquals("[REPLICATE <count>] [DELAY <sec>] [RETRY <sec>] [MAXLEN <count>]",
                hints.hint("addjob q b 0 ttl 60 async "));
        assertNull(hints.hint("addjob q"));
        assertNull(hints.hint("addjob q b 0 replicate 1 delay 1 retry 1 ttl 1 maxlen 1 async "));
    }

    @Test
    void getjobAndLists() {
        assertEquals("[NOHANG] [TIMEOUT <ms-timeout>] [COUNT <count>] [WITHCOUNTERS] FROM queue [queue ...]", hints.hint("getjob "));
        assertEquals("queue [queue ...]", hints.hint("getjob nohang from "));
        assertEquals("[queue ...]", hints.hint("getjob from q1 "));
        assertEquals("job-id [job-id ...]", hints.hint("ackjob "));
        assertEquals("[job-id ...]", hints.hint("ackjob D-1 "));
        assertEquals("[STATE <state> ...] [REPLY all|id]",
                hints.hint("jscan 0 count 10 busyloop queue q "));
    }

    @Test
    void subcommandsAndShellCommands() {
        assertEquals("INFO|NODES|MYID|MEET|FORGET|RESET|SAVECONFIG|LEAVING", hints.hint("cluster "));
        assertEquals("ip port [bus-port]", hints.hint("cluster meet "));
        assertEquals(" ip port [bus-port]", hints.hint("cluster meet"));
        assertEquals("[COUNT|INFO]", hints.hint("command "));
        assertEquals("[command | @group]", hints.hint("help "));
        assertEquals("host port", hints.hint("connect "));
        assertNull(hints.hint("qlen q "));
        assertNull(hints.hint("nosuchcommand "));
        assertNull(hints.hint(""));
    }
}
