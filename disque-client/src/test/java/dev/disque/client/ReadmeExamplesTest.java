// The README's "Java client" examples, run as written (only the URI points at an embedded server).
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.client.api.DisqueAsyncCommands;
import dev.disque.client.api.DisqueCommands;
import dev.disque.client.api.DisqueReactiveCommands;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ReadmeExamplesTest {
    private DisqueServer server;
    private String uri;
    private final List<String> printed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = DisqueServer.builder().port(0).build().start();
        uri = "disque://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void println(String s) {
        printed.add(s);
    }

    @Test
    void sync() {
        try (DisqueClient client = DisqueClient.create(uri);
             StatefulDisqueConnection<String, String> connection = client.connect()) {
            DisqueCommands<String, String> disque = connection.sync();

            // Producer
            String id = disque.addjob("emails", "welcome ada@example.org", AddJobArgs.Builder.retry(Duration.ofMinutes(1)));

            // Consumer: wait up to 5 s for a job, do the work, acknowledge it
            for (Job<String, String> job : disque.getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(5)), "emails")) {
                println("sending " + job.body());
                disque.ackjob(job.id());
            }
            assertEquals(0L, disque.qlen("emails"));
            assertEquals(null, disque.show(id));
        }
        assertEquals(List.of("sending welcome ada@example.org"), printed);
    }

    @Test
    void async() {
        DisqueClient client = DisqueClient.create(uri);
        try (StatefulDisqueConnection<String, String> connection = client.connect()) {
            DisqueAsyncCommands<String, String> disque = connection.async();

            // Producer
            disque.addjob("emails", "welcome bob@example.org").thenAccept(id -> println("queued " + id));

            // Consumer
            disque.getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(5)), "emails")
                    .thenCompose(jobs -> {
                        jobs.forEach(job -> println("sending " + job.body()));
                        return disque.ackjob(jobs.stream().map(Job::id).toArray(String[]::new));
                    })
                    .toCompletableFuture().join();
            assertEquals(0L, connection.sync().qlen("emails"));
        }
        client.shutdown();
        assertEquals(2, printed.size());
        assertEquals(true, printed.contains("sending welcome bob@example.org"));
    }

    @Test
    void reactive() {
        DisqueClient client = DisqueClient.create(uri);
        try (StatefulDisqueConnection<String, String> connection = client.connect()) {
            DisqueReactiveCommands<String, String> disque = connection.reactive();

            // Producer
            Flux.range(1, 10).concatMap(i -> disque.addjob("emails", "mail #" + i)).blockLast();

            // Consumer: fetches only as many jobs as requested downstream (backpressure)
            JobStream<String, String> stream = connection.jobStream().queues("emails").build();
            stream.flux()
                    .take(10)
                    .concatMap(job -> Mono.fromRunnable(() -> println(job.body())).then(stream.ack(job)))
                    .blockLast();
            assertEquals(0L, connection.sync().qlen("emails"));
        }
        client.shutdown();
        assertEquals(10, printed.size());
        assertEquals("mail #1", printed.get(0));
    }
}
