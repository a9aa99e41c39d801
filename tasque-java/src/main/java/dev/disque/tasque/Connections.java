/*
 * Connections: addresses in Go's form ("127.0.0.1:7711") or as disque://
 * URIs, and joining futures without CompletionException wrappers.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueURI;
import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.error.DisqueErrors;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

final class Connections {
    private Connections() {
    }

    /**
     * @param commandTimeout the command timeout for plain host:port addresses
     * @param addresses {@code host:port}, {@code host} or {@code disque://...} URIs; several make one cluster URI
     * @return the URI
     */
    static DisqueURI uri(Duration commandTimeout, String... addresses) {
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.length == 0) throw new IllegalArgumentException("no Disque address given");
        DisqueURI.Builder b = null;
        for (String a : addresses) {
            Objects.requireNonNull(a, "address");
            if (a.contains("://")) {
                DisqueURI u = DisqueURI.create(a);
                if (b == null) {
                    b = u.mutate();
                } else {
                    for (NodeAddress n : u.getNodes()) b.withNode(n);
                }
            } else {
                if (b == null) b = DisqueURI.builder().withTimeout(commandTimeout);
                String host = a;
                int port = DisqueURI.DEFAULT_PORT;
                int colon = a.lastIndexOf(':');
                if (colon > 0 && a.indexOf(']') < colon) {
                    host = a.substring(0, colon);
                    try {
                        port = Integer.parseInt(a.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad port in Disque address '" + a + "'", e);
                    }
                }
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                b.withNode(host, port);
            }
        }
        return b.build();
    }

    /** Waits for a future and throws its own failure (typed Disque errors stay typed). */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable c = DisqueErrors.unwrap(e);
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new CompletionException(c);
        }
    }
}
