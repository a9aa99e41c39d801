/*
 * TasqueBench: throughput of tasque-java against one Disque server.
 *
 *   producer, sync    submit() one task at a time (one round trip each)
 *   producer, async   submitAsync() with a window of tasks in flight on the one connection
 *   worker            N queued tasks through one Worker with a no-op handler, at each concurrency
 *                     (default settings: WORKING on receipt, ACKJOB), plus one run with heartbeats
 *                     off and FASTACK
 *
 * Run by bench/tasque/run.sh (java's single-file launcher, with the examples jar as class path):
 *   java -cp examples/target/tasque-examples.jar bench/tasque/TasqueBench.java --addr 127.0.0.1:7711
 */

import dev.disque.client.DisqueClient;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.tasque.Handler;
import dev.disque.tasque.Task;
import dev.disque.tasque.TasqueClient;
import dev.disque.tasque.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

public class TasqueBench {
    static String addr = "127.0.0.1:7711";
    static int tasks = 50_000;
    static int window = 200;
    static List<Integer> concurrencies = List.of(10, 50);

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--addr" -> addr = args[++i];
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--concurrency" -> {
                    List<Integer> c = new ArrayList<>();
                    for (String s : args[++i].split(",")) c.add(Integer.parseInt(s.trim()));
                    concurrencies = c;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--addr host:port --tasks n --window n --concurrency 10,50)");
            }
        }
        DisqueClient disque = DisqueClient.create("disque://" + addr);
        try (TasqueClient client = TasqueClient.builder(disque).build();
                StatefulDisqueConnection<String, String> admin = disque.connect()) {
            System.out.printf("tasque bench: %d tasks per run against %s, Java %s, %d CPUs%n", tasks, addr,
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            // Warm-up (JIT, connections), not reported.
            fill(client, "bench_warm", Math.min(tasks, 20_000));
            drain(disque, "bench_warm", 50, Math.min(tasks, 20_000), true, false);
            for (int i = 0; i < Math.min(tasks, 5_000); i++) client.submit(task("bench_warm_sync", i));
            drain(disque, "bench_warm_sync", 10, Math.min(tasks, 5_000), true, false);

            long t0 = System.nanoTime();
            for (int i = 0; i < tasks; i++) client.submit(task("bench_sync", i));
            report("producer submit(), one at a time", tasks, t0);
            drain(disque, "bench_sync", 50, tasks, true, false);

            t0 = System.nanoTime();
            fill(client, "bench_async", tasks);
            report("producer submitAsync(), window " + window, tasks, t0);
            drain(disque, "bench_async", 50, tasks, true, false);

            for (int c : concurrencies) {
                fill(client, "bench_noop", tasks);
                check(admin, "__tasque__bench_noop", tasks);
                t0 = System.nanoTime();
                drain(disque, "bench_noop", c, tasks, true, false);
                report("worker, no-op handler, concurrency " + c, tasks, t0);
            }
            int c = concurrencies.get(concurrencies.size() - 1);
            fill(client, "bench_noop", tasks);
            t0 = System.nanoTime();
            drain(disque, "bench_noop", c, tasks, false, true);
            report("worker, no-op handler, concurrency " + c + ", no heartbeat, FASTACK", tasks, t0);
        } finally {
            disque.shutdown();
        }
    }

    static Task task(String name, int i) {
        return Task.named(name).set("i", i).set("url", "http://example.org/page/" + i);
    }

    static void fill(TasqueClient client, String name, int n) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        List<CompletableFuture<String>> last = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<String> f = client.submitAsync(task(name, i));
            f.whenComplete((id, e) -> inFlight.release());
            if (i >= n - window) last.add(f);
        }
        inFlight.acquire(window);
        for (CompletableFuture<String> f : last) f.join();
    }

    static void check(StatefulDisqueConnection<String, String> admin, String queue, long expected) {
        long n = admin.sync().qlen(queue);
        if (n != expected) throw new IllegalStateException(queue + " has " + n + " jobs, expected " + expected);
    }

    static void drain(DisqueClient disque, String name, int concurrency, int n, boolean heartbeats, boolean fastAck)
            throws InterruptedException {
        try (Worker w = Worker.builder(disque).concurrency(concurrency).heartbeats(heartbeats).fastAck(fastAck)
                .fetchTimeout(Duration.ofMillis(200)).handle(Handler.of(name, t -> { })).build()) {
            w.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (w.stats().succeeded() < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("only " + w.stats() + " of " + n);
                Thread.sleep(1);
            }
        }
    }

    static void report(String what, int n, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-62s %9.0f tasks/s  (%d in %.2f s)%n", what, n / s, n, s);
    }
}
