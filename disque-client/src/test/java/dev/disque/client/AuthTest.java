// AUTH: the URI's password is sent in the handshake (also for blocking-fetch connections); auth() works too.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.server.DisqueServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthTest extends ClientFixture {

    @Override
    protected DisqueServer.Builder serverBuilder() {
        return super.serverBuilder().config("requirepass", "s3cret");
    }

    @Override
    protected DisqueURI uri() {
        return DisqueURI.create("disque://s3cret@127.0.0.1:" + server.port());
    }

    @Test
    void passwordFromTheUri() {
        String id = sync.addjob("q", "x");
        // The blocking fetch opens its own connection, which must authenticate too.
        assertEquals(id, sync.getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(1)), "q").get(0).id());
    }

    @Test
    void redisStyleEmptyUserAndEscapes() {
        server.config();
        DisqueClient c = newClient(DisqueURI.create("disque://:s3cret@127.0.0.1:" + server.port()));
        try (StatefulDisqueConnection<String, String> conn = c.connect()) {
            assertEquals("PONG", conn.sync().ping());
        }
        DisqueClient escaped = newClient(DisqueURI.create("disque://s3%63ret@127.0.0.1:" + server.port()));
        try (StatefulDisqueConnection<String, String> conn = escaped.connect()) {
            assertEquals("PONG", conn.sync().ping());
        }
    }

    @Test
    void wrongPasswordFailsToConnect() {
        DisqueClient c = newClient(DisqueURI.create("disque://nope@127.0.0.1:" + server.port()));
        RedisConnectionException e = assertThrows(RedisConnectionException.class, c::connect);
        assertTrue(describe(e).contains("ERR invalid password"), describe(e));
        DisqueClient none = newClient(DisqueURI.create("127.0.0.1", server.port()));
        RedisConnectionException e2 = assertThrows(RedisConnectionException.class, none::connect);
        assertTrue(describe(e2).contains("NOAUTH"), describe(e2));
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            sb.append(x).append(" / ");
            for (Throwable s : x.getSuppressed()) sb.append(describe(s));
        }
        return sb.toString();
    }

    @Test
    void authCommandThenBlockingFetchesAuthenticateToo() {
        DisqueServer open = newServer(DisqueServer.builder().port(0));
        DisqueClient c = newClient(DisqueURI.create("127.0.0.1", open.port()));
        try (StatefulDisqueConnection<String, String> conn = c.connect()) {
            conn.sync().configSet("requirepass", "s3cret");
            RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                    () -> conn.sync().qlen("q"));
            assertTrue(e.getMessage().startsWith("NOAUTH"), e.getMessage());
            assertEquals("OK", conn.sync().auth("s3cret"));
            assertEquals(0L, conn.sync().qlen("q"));
            conn.sync().addjob("q", "x");
            // ...and connections opened after AUTH use the password.
            assertEquals(1, conn.sync().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(1)), "q").size());
        }
    }
}
