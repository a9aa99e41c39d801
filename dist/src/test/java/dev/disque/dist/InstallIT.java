/*
 * InstallIT: bin/install from the unpacked tarball into a temporary prefix
 * puts working launchers on PREFIX/bin, the man pages where man finds them
 * from PATH alone, and the completions where bash-completion, zsh and fish
 * look; --uninstall then removes exactly that, leaving a user's own file in
 * a shared directory (and so that directory) alone. Without a PREFIX it
 * installs under ~/.local, where bash-completion and fish find completions
 * with no setup and zsh with the fpath line the README gives; each shell
 * installed on the machine is asked.
 */
package dev.disque.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InstallIT {
    private static final List<String> INSTALLED = List.of(
            "bin/disque", "bin/disque-server",
            "share/disque/bin/disque", "share/disque/bin/disque-server", "share/disque/bin/install",
            "share/disque/lib/disque.jar", "share/disque/lib/disque-server.jar", "share/disque/disque.conf",
            "share/man/man1/disque.1", "share/man/man1/disque-server.1", "share/man/man5/disque.conf.5",
            "share/bash-completion/completions/disque", "share/bash-completion/completions/disque-server",
            "share/zsh/site-functions/_disque", "share/zsh/site-functions/_disque-server",
            "share/fish/vendor_completions.d/disque.fish", "share/fish/vendor_completions.d/disque-server.fish");

    @TempDir
    Path work;

    @Test
    void installsIntoAPrefixAndUninstallsExactly() throws Exception {
        Unpacked tree = Unpacked.extract(work);
        Path prefix = work.resolve("prefix");

        Unpacked.Result install = tree.run("bin/install", prefix.toString());
        assertEquals(0, install.code(), install.out() + install.err());
        for (String f : INSTALLED) assertTrue(Files.exists(prefix.resolve(f)), "not installed: " + f);

        // The launchers on PREFIX/bin run from the installed copy, not from the unpacked tree.
        deleteTree(tree.root);
        Unpacked.Result version = tree.run(prefix.resolve("bin/disque-server").toString(), "--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("Disque server v=" + Unpacked.VERSION + " "), version.out());
        Unpacked.Result cli = tree.run(prefix.resolve("bin/disque").toString(), "--version");
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().startsWith("disque " + Unpacked.VERSION + " "), cli.out());

        // bash-completion sources the file named after the command; it must register it.
        Unpacked.Result bash = Unpacked.run(List.of("bash", "-c",
                "source '" + prefix.resolve("share/bash-completion/completions/disque") + "' && complete -p disque"),
                tree.env(), work, 30);
        assertEquals("complete -F _disque disque\n", bash.out(), bash.err());

        // man-db derives PREFIX/share/man from PREFIX/bin on PATH, with no MANPATH.
        if (Files.isExecutable(Path.of("/usr/bin/man"))) {
            Map<String, String> env = new HashMap<>(tree.env());
            env.put("PATH", prefix.resolve("bin") + ":" + env.get("PATH"));
            Unpacked.Result man = Unpacked.run(List.of("man", "-w", "disque"), env, work, 30);
            assertEquals(prefix.resolve("share/man/man1/disque.1") + "\n", man.out(), man.err());
        }

        // A file of the user's in a directory the install shares must survive, and with it its directory.
        Path mine = prefix.resolve("share/man/man1/mine.1");
        Files.writeString(mine, ".TH MINE 1\n");

        Unpacked.Result uninstall = tree.run(prefix.resolve("share/disque/bin/install").toString(), "--uninstall",
                prefix.toString());
        assertEquals(0, uninstall.code(), uninstall.out() + uninstall.err());
        List<String> left;
        try (Stream<Path> s = Files.walk(prefix)) {
            left = s.map(p -> prefix.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of("", "share", "share/man", "share/man/man1", "share/man/man1/mine.1"), left);

    }

    @Test
    void defaultsToTheUsersLocalPrefixWhereTheShellsLook() throws Exception {
        Unpacked tree = Unpacked.extract(work);
        Path home = Path.of(tree.env().get("HOME"));
        Path local = home.resolve(".local");

        Unpacked.Result install = tree.run("bin/install");
        assertEquals(0, install.code(), install.out() + install.err());
        for (String f : INSTALLED) assertTrue(Files.exists(local.resolve(f)), "not installed under ~/.local: " + f);

        // Each shell that is installed here must find the completion by itself, from ~/.local alone.
        Map<String, String> env = new HashMap<>(tree.env());
        env.put("PATH", local.resolve("bin") + ":" + env.get("PATH"));
        Path bashCompletion = Path.of("/usr/share/bash-completion/bash_completion");
        if (Files.isRegularFile(bashCompletion)) {
            Unpacked.Result bash = Unpacked.run(List.of("bash", "-c", "source " + bashCompletion
                    + " && _completion_loader disque; complete -p disque"), env, work, 30);
            assertEquals("complete -F _disque disque\n", bash.out(), bash.err());
        }
        if (Files.isExecutable(Path.of("/usr/bin/fish"))) {
            Unpacked.Result fish = Unpacked.run(List.of("fish", "-c", "complete -C'disque --vers'"), env, work, 30);
            assertTrue(fish.out().startsWith("--version\t"), fish.out() + fish.err());
        }
        if (Files.isExecutable(Path.of("/usr/bin/zsh"))) {
            // zsh has no per-user default: the README tells users to add this directory to fpath.
            Unpacked.Result zsh = Unpacked.run(List.of("zsh", "-fc", "fpath=(" + local.resolve("share/zsh/site-functions")
                    + " $fpath); autoload -U compinit; compinit -u -D; print -r -- $_comps[disque]"), env, work, 30);
            assertEquals("_disque\n", zsh.out(), zsh.err());
        }

        Unpacked.Result uninstall = tree.run("bin/install", "--uninstall");
        assertEquals(0, uninstall.code(), uninstall.out() + uninstall.err());
        assertFalse(Files.exists(local), "~/.local did not exist before the install and should be gone");
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(p);
        }
    }
}
