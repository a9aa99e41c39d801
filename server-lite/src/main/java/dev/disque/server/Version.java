/*
 * Version: the server's version (SemVer) and the commit it was built from,
 * as INFO and --version report them. Maven writes both into
 * version.properties at build time, so they cannot drift from the pom and
 * the checkout. A build from a source tarball has no commit: the
 * placeholder then stays unexpanded and counts as unknown.
 */
package dev.disque.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

public final class Version {
    private static final Properties PROPS = load();
    private static final String VERSION = value("version", "unknown");
    private static final String COMMIT = value("commit", "");
    private static final boolean DIRTY = value("dirty", "false").equals("true");

    private Version() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // No version file: every value reads as unknown.
        }
        return p;
    }

    private static String value(String key, String absent) {
        String v = PROPS.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? absent : v;
    }

    public static String get() {
        return VERSION;
    }

    /** The abbreviated commit the server was built from, or "" outside a git checkout. */
    public static String commit() {
        return COMMIT;
    }

    /** Whether the checkout had uncommitted changes when it was built. */
    public static boolean dirty() {
        return DIRTY;
    }
}
