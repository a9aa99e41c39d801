// Losing the server: the worker keeps trying (with a growing pause, no busy loop) and resumes when a server is back
// on the same address; nothing it fetched is lost.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueClientOptions;
import dev.disque.client.DisqueURI;
import dev.disque.server.DisqueServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectTest extends TasqueFixture {

    @Test
    void theWorkerResumesWhenTheServerIsBack() {
        int port = server.port();
        DisqueClient own = DisqueClient.create(RESOURCES,
                DisqueURI.builder().withNode("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)).build());
        own.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).build());
        closeLater(own::shutdown);
        AtomicInteger fetchErrors = new AtomicInteger();
        Worker w = Worker.builder(own).fetchTimeout(Duration.ofSeconds(1)).shutdownGrace(Duration.ofSeconds(2))
                .listener(new WorkerListener() {
                    @Override
                    public void fetchFailed(Throwable error) {
                        fetchErrors.incrementAndGet();
                    }
                })
                .handle(Handler.of("r", t -> { })).build();
        closeLater(w);
        w.start();
        client.submit(Task.named("r"));
        await("first task", () -> w.stats().succeeded() == 1);

        server.close();
        await("fetch errors", () -> fetchErrors.get() >= 2);
        DisqueServer again = DisqueServer.builder().port(port).build().start();
        closeLater(again);
        try (TasqueClient c = TasqueClient.create(Duration.ofSeconds(5), "127.0.0.1:" + port)) {
            c.submit(Task.named("r"));
        }
        await("second task", () -> w.stats().succeeded() == 2);
        assertTrue(fetchErrors.get() < 50, "fetch errors: " + fetchErrors.get());
        assertEquals(0, w.stats().failed());
    }
}
