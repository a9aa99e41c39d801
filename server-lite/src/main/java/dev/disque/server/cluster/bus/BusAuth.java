/*
 * BusAuth: proof that a peer knows the bus's shared secret
 * (cluster-password), without sending the secret.
 *
 * Each side of a new link sends a random nonce (CHALLENGE); the other side
 * answers with HMAC-SHA256(secret, nonce) (RESPONSE). A link carries
 * cluster messages only once the peer's answer checks out; the nonces are
 * fresh per link, so a recorded answer is worthless on another link.
 */
package dev.disque.server.cluster.bus;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

final class BusAuth {
    static final int MAC_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CONTEXT = "disque-cluster-bus-v1".getBytes(StandardCharsets.US_ASCII);

    private BusAuth() {
    }

    static byte[] nonce() {
        byte[] n = new byte[MessageCodec.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    static byte[] sign(String secret, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(CONTEXT);
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static boolean verify(String secret, byte[] nonce, byte[] answer) {
        return MessageDigest.isEqual(sign(secret, nonce), answer);
    }
}
