/*
 * WelcomeMailTest: the README's example of a user's test with
 * @EmbeddedDisque, verbatim, so the README cannot drift from what works.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@EmbeddedDisque
class WelcomeMailTest {
    @Test
    void signUpQueuesAWelcomeMail(DisqueURI uri, StatefulDisqueConnection<String, String> disque) {
        // The code under test, given the server's URI: here a producer, inline.
        DisqueClient client = DisqueClient.create(uri);
        try (StatefulDisqueConnection<String, String> producer = client.connect()) {
            producer.sync().addjob("emails", "welcome ada@example.org");
        } finally {
            client.shutdown();
        }

        List<Job<String, String>> jobs = disque.sync().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(5)), "emails");
        assertEquals("welcome ada@example.org", jobs.get(0).body());
    }

    @Test
    @EmbeddedDisque(config = {"requirepass s3cret", "maxmemory 100mb"})
    void withAServerOfItsOwn(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
        // A fresh server for this test, configured like disque.conf; the connection is already authenticated.
        assertEquals("PONG", disque.sync().ping());
        assertEquals(0L, disque.sync().qlen("emails"));
    }
}
