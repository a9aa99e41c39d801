/*
 * TlsTest: --tls and disques:// through a TLS relay in front of the test
 * server, with a self-signed certificate for localhost and 127.0.0.1 made
 * by the JDK's keytool: trusted with --cacert, refused without it or for
 * another name (--sni), accepted unchecked with --insecure.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest extends CliFixture {
    private static final String PASS = "changeit";

    @TempDir
    static Path dir;
    private static Path caPem;
    private static Relay relay;

    @BeforeAll
    static void tlsRelay() throws Exception {
        Path ks = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "disque", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
        caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "disque", "-keystore", ks.toString(), "-storepass", PASS,
                "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        relay = Relay.tls(ctx, port);
    }

    @AfterAll
    static void closeRelay() throws Exception {
        if (relay != null) relay.close();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), out);
    }

    private static Result cli(String... args) {
        return runWith("", false, false, Map.of(), args);
    }

    @Test
    void tlsWithTheCaCertificate() {
        String p = Integer.toString(relay.port());
        Result r = cli("--tls", "--cacert", caPem.toString(), "-h", "localhost", "-p", p, "ping");
        assertEquals(0, r.code(), r.err());
        assertEquals("PONG\n", r.out());
        Result ip = cli("--tls", "--cacert", caPem.toString(), "-p", p, "--verbose", "addjob", "tlsq", "secret", "0");
        assertEquals(0, ip.code(), ip.err());
        assertTrue(ip.err().contains("(TLS)"), ip.err());
        Result uri = cli("-u", "disques://localhost:" + p, "--cacert", caPem.toString(), "qlen", "tlsq");
        assertEquals("1\n", uri.out(), uri.err());
        Result rediss = cli("-u", "rediss://localhost:" + p, "--cacert", caPem.toString(), "ping");
        assertEquals("PONG\n", rediss.out(), rediss.err());
        Result piped = runWith("qlen tlsq\n", false, false, Map.of(), "--tls", "--cacert", caPem.toString(), "-p", p);
        assertEquals("1\n", piped.out(), piped.err());
    }

    @Test
    void anUntrustedCertificateOrAnotherNameIsRefused() {
        String p = Integer.toString(relay.port());
        Result untrusted = cli("--tls", "-h", "localhost", "-p", p, "ping");
        assertEquals(1, untrusted.code());
        assertTrue(untrusted.err().startsWith("Could not connect to Disque at localhost:" + p + ": TLS handshake failed"),
                untrusted.err());
        Result otherName = cli("--tls", "--cacert", caPem.toString(), "--sni", "disque.example.org", "-p", p, "ping");
        assertEquals(1, otherName.code());
        assertTrue(otherName.err().contains("TLS handshake failed"), otherName.err());
        Result insecure = cli("--tls", "--insecure", "-p", p, "ping");
        assertEquals("PONG\n", insecure.out(), insecure.err());
    }

    @Test
    void plainTextToATlsPortFailsClearly() {
        Result r = cli("-t", "2", "-p", Integer.toString(relay.port()), "ping");
        assertEquals(1, r.code());
        assertTrue(!r.err().isEmpty(), r.err());
    }
}
