/*
 * SignalledWorkerMain: a worker process for SignalTest, run in a child JVM.
 * Its "slow" handler prints "running <id>", waits for a marker file the
 * test creates (bounded), and prints "done <id>"; main prints how the
 * worker stopped and exits 1 if a task had to be interrupted.
 *
 *   SignalledWorkerMain <port> <marker file> <grace ms>
 */
package dev.disque.tasque;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

public final class SignalledWorkerMain {
    private SignalledWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path marker = Path.of(args[1]);
        Duration grace = Duration.ofMillis(Long.parseLong(args[2]));
        Worker w = Worker.builder("127.0.0.1:" + port).concurrency(2).shutdownGrace(grace).fetchTimeout(Duration.ofSeconds(30))
                .handle(Handler.of("slow", t -> {
                    System.out.println("running " + t.jobId());
                    System.out.flush();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!Files.exists(marker)) {
                        if (System.nanoTime() > deadline) throw new IllegalStateException("no marker file");
                        Thread.sleep(10);
                    }
                    System.out.println("done " + t.jobId());
                    System.out.flush();
                })).build();
        boolean clean = w.runUntilSignalled();
        System.out.println(clean ? "stopped cleanly" : "stopped with tasks interrupted");
        System.out.flush();
        if (!clean) System.exit(1);
    }
}
