/*
 * Version: the server's version (SemVer), as INFO and --version report it.
 * Maven writes it into version.properties at build time, so it cannot
 * drift from the pom.
 */
package dev.disque.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String get() {
        return VERSION;
    }
}
