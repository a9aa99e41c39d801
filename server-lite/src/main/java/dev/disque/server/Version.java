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

    /**
     * A short hex name of this build (version, commit, dirty), as INFO's
     * disque_build_id: it changes whenever what runs changes.
     */
    public static String buildId() {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (VERSION + "|" + COMMIT + "|" + DIRTY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Where the server's code was loaded from: the jar, or a classes directory when embedded. */
    public static String executable() {
        try {
            java.security.CodeSource source = Version.class.getProtectionDomain().getCodeSource();
            if (source == null) return "";
            return java.nio.file.Path.of(source.getLocation().toURI()).toAbsolutePath().toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "";
        }
    }
}
