/*
 * HistoryFileTest: where the shell keeps its history: ~/.disque_history,
 * DISQUE_HISTFILE instead, or nowhere when that is empty or /dev/null.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryFileTest {
    @Test
    void location() {
        assertEquals(Path.of("/home/ada/.disque_history"), TerminalLauncher.historyFile(Map.of("HOME", "/home/ada")));
        assertEquals(Path.of("/tmp/h"), TerminalLauncher.historyFile(Map.of("HOME", "/home/ada", "DISQUE_HISTFILE", "/tmp/h")));
        assertNull(TerminalLauncher.historyFile(Map.of("DISQUE_HISTFILE", "")));
        assertNull(TerminalLauncher.historyFile(Map.of("DISQUE_HISTFILE", "/dev/null")));
    }

    @Test
    void authLinesAreSensitive() {
        assertTrue(ReplHistory.sensitive("AUTH secret"));
        assertTrue(ReplHistory.sensitive("  auth \"two words\""));
        assertTrue(ReplHistory.sensitive("3 auth x"));
        assertFalse(ReplHistory.sensitive("addjob auth body 0"));
        assertFalse(ReplHistory.sensitive("ping"));
    }
}
