/*
 * DocsGenerator: the build step that writes completions/ and man/ from the
 * picocli model, the command catalog and the server's directives.
 *
 *   DocsGenerator <dir>    writes <dir>/completions/... and <dir>/man/...
 *
 * The build writes into target/generated-docs; the copies checked in at
 * the repository root must match (DocsNoDriftTest). To refresh them:
 *   mvn -pl disque-cli -am process-classes -Ddisque.docs.dir=$PWD
 */
package dev.disque.cli.docs;

import dev.disque.cli.catalog.CommandCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class DocsGenerator {
    private DocsGenerator() {
    }

    /** Every generated file, by its path relative to the repository root. */
    public static Map<String, String> generate() {
        CommandCatalog catalog = CommandCatalog.get();
        List<OptionDoc> cli = DocModel.cliOptions();
        Completions c = new Completions(catalog, cli, DocModel.serverDirectiveOptions());
        ManPages m = new ManPages(catalog, cli);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completions/disque.bash", c.bashDisque());
        files.put("completions/_disque", c.zshDisque());
        files.put("completions/disque.fish", c.fishDisque());
        files.put("completions/disque-server.bash", c.bashServer());
        files.put("completions/_disque-server", c.zshServer());
        files.put("completions/disque-server.fish", c.fishServer());
        files.put("man/disque.1", m.disque());
        files.put("man/disque-server.1", m.disqueServer());
        files.put("man/disque.conf.5", m.disqueConf());
        return files;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DocsGenerator <output directory>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        for (Map.Entry<String, String> e : generate().entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (!Files.exists(p) || !java.util.Arrays.equals(Files.readAllBytes(p), bytes)) Files.write(p, bytes);
        }
    }
}
