// Command latency goes through Lettuce's CommandLatencyRecorder: Micrometer's recorder sees Disque commands by name.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest extends ClientFixture {

    @Test
    void micrometerRecordsDisqueCommands() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClientResources resources = ClientResources.builder()
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create()))
                .build();
        try {
            DisqueClient c = DisqueClient.create(resources, DisqueURI.create("127.0.0.1", server.port()));
            try (StatefulDisqueConnection<String, String> conn = c.connect()) {
                conn.sync().addjob("q", "a");
                conn.sync().addjob("q", "b");
                conn.sync().qlen("q");
            } finally {
                c.shutdown();
            }
            Timer addjob = registry.find("lettuce.command.completion").tag("command", "ADDJOB").timer();
            assertNotNull(addjob, registry.getMetersAsString());
            assertEquals(2, addjob.count());
            assertNotNull(registry.find("lettuce.command.completion").tag("command", "QLEN").timer());
        } finally {
            resources.shutdown();
        }
    }
}
