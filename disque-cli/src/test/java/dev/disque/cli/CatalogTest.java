/*
 * CatalogTest: the command catalog against the server's own COMMAND
 * reply: every command the server knows is in the catalog, and the
 * catalog's syntax agrees with the server's arity; every entry has a
 * summary, group and version.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.catalog.Param;
import dev.disque.cli.catalog.Spec;
import dev.disque.cli.net.Reply;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CatalogTest extends CliFixture {
    private final CommandCatalog catalog = CommandCatalog.get();

    @Test
    void everyServerCommandIsInTheCatalogWithAMatchingArity() throws Exception {
        Reply r = call("COMMAND");
        assertTrue(r instanceof Reply.Multi, String.valueOf(r));
        for (Reply entry : ((Reply.Multi) r).items()) {
            List<Reply> e = ((Reply.Multi) entry).items();
            String name = e.get(0).asText();
            long arity = ((Reply.Int) e.get(1)).value();
            List<Spec> specs = catalog.entries(name);
            assertFalse(specs.isEmpty(), "missing from the catalog: " + name);
            for (Spec s : specs) {
                int min = 1 + (s.subcommand() == null ? 0 : 1);
                boolean open = false;
                for (Param p : s.params()) {
                    if (!p.optional()) min++;
                    if (p.optional() || p.variadic()) open = true;
                }
                for (var o : s.options()) {
                    if (o.required()) min += 2;
                    open = true;
                }
                if (arity > 0) {
                    assertTrue(min == arity && !open || arity == 0,
                            s.name() + ": server arity " + arity + ", catalog needs exactly " + min);
                } else if (arity < 0) {
                    assertTrue(min >= -arity, s.name() + ": server needs at least " + -arity + ", catalog " + min);
                }
            }
        }
    }

    @Test
    void everyEntryIsDocumented() {
        for (Spec s : catalog.all()) {
            assertFalse(s.summary().isBlank(), s.name());
            assertNotNull(s.group(), s.name());
            assertTrue(s.since().matches("\\d+\\.\\d+\\.\\d+"), s.name());
            assertTrue(s.name().equals(s.name().toUpperCase(Locale.ROOT)), s.name());
        }
        assertTrue(catalog.commandNames().size() >= 32, catalog.commandNames().toString());
    }
}
