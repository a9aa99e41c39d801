/*
 * The seed's producer ("disque-enque"): submits one "download" task and
 * one "foo" task, each through a client with a 5 s enqueue timeout.
 *
 *   examples/run enqueue [host:port [url]]
 */
package dev.disque.tasque.examples;

import dev.disque.tasque.Task;
import dev.disque.tasque.TasqueClient;
import java.io.PrintStream;
import java.time.Duration;

/** The producer of the seed article. */
public final class Enqueue {
    private Enqueue() {
    }

    /**
     * @param address Disque's address
     * @param url the page to download
     * @param out where it prints
     */
    public static void run(String address, String url, PrintStream out) {
        try (TasqueClient client = TasqueClient.create(Duration.ofSeconds(5), address)) {
            Task task = Task.named("download").set("url", url);
            client.submit(task);
            out.println("First work queue run..");
        }
        try (TasqueClient client = TasqueClient.create(Duration.ofSeconds(5), address)) {
            Task task = Task.named("foo").set("text", "I am the kind of world.");
            client.submit(task);
            out.println("Second work queue run..");
        }
    }

    /**
     * @param args optional Disque address, then optional URL (default http://google.com, as in the seed)
     */
    public static void main(String[] args) {
        run(Address.of(args), args.length > 1 ? args[1] : "http://google.com", System.out);
    }
}
