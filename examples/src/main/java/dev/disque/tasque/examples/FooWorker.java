/*
 * The seed's second worker: a "foo" handler that prints its "text"
 * parameter, on a worker with 10 concurrent slots.
 *
 *   examples/run foo [host:port]
 */
package dev.disque.tasque.examples;

import dev.disque.tasque.Handler;
import dev.disque.tasque.Worker;
import java.io.PrintStream;

/** The "foo" worker of the seed article. */
public final class FooWorker {
    private FooWorker() {
    }

    /**
     * @param out where it prints
     * @return the "foo" handler
     */
    public static Handler foo(PrintStream out) {
        return Handler.of("foo", task -> {
            String u = task.requireParam("text", String.class);
            out.printf("foo worker runs, param is %s%n", u);
        });
    }

    /**
     * @param address Disque's address
     * @param out where it prints
     * @return the worker, not started
     */
    public static Worker worker(String address, PrintStream out) {
        return Worker.builder(address).concurrency(10).handle(foo(out)).build();
    }

    /**
     * @param args optional Disque address
     */
    public static void main(String[] args) {
        // SIGTERM or Ctrl-C: running tasks finish, then the process exits 0 (1 if one had to be interrupted).
        if (!worker(Address.of(args), System.out).runUntilSignalled()) System.exit(1);
    }
}
