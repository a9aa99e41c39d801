/*
 * CdsTrainingTest: the training run bin/disque-server records its class-data
 * sharing archive from completes: two nodes meet and a replicated job goes
 * through ADDJOB, GETJOB and ACKJOB. If it failed, the launcher would quietly
 * start every node without the archive, and slower.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {
    @Test
    void theTrainingRunCompletes() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertDoesNotThrow(() -> CdsTraining.main(new String[0])));
    }
}
