/*
 * Tls: layers TLS over a connected socket with the JDK's SSLSocket: the
 * server's certificate is checked against the JDK's trust store or the
 * PEM file of --cacert, and its name against the host (or --sni), unless
 * --insecure turns both checks off, as redis-cli's options do.
 */
package dev.disque.cli.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

final class Tls {
    private Tls() {
    }

    static Socket wrap(Socket plain, String host, int port, Endpoint.TlsOptions o) throws IOException {
        SSLContext ctx;
        try {
            ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagers(o), null);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
        String name = o.sni() != null ? o.sni() : host;
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, name, port, true);
        SSLParameters p = s.getSSLParameters();
        if (!o.insecure()) p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddress(name)) p.setServerNames(List.of(new SNIHostName(name)));
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        }
        return s;
    }

    private static boolean isAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static TrustManager[] trustManagers(Endpoint.TlsOptions o) throws GeneralSecurityException, IOException {
        if (o.insecure()) return new TrustManager[] {new TrustAll()};
        if (o.caCert() == null) return null; // the JDK's default trust store
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int i = 0;
        try (InputStream in = Files.newInputStream(o.caCert())) {
            for (Certificate c : cf.generateCertificates(in)) ks.setCertificateEntry("ca" + i++, c);
        }
        if (i == 0) throw new IOException("no certificate in " + o.caCert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** --insecure: accepts any certificate, as the user asked. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not a server: never asked.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // --insecure: no verification, on purpose.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
