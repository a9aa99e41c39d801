/*
 * Version: the server's version, as INFO, HELLO's peers and --version
 * report it. Read from the jar manifest when packaged.
 */
package dev.disque.server;

public final class Version {
    private Version() {
    }

    /** Our own SemVer release number. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
