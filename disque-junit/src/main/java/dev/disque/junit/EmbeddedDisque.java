/*
 * EmbeddedDisque: the one annotation a test needs for a real Disque server,
 * or a real cluster of them. On a class, one server (or cluster) serves all
 * its tests (and its @Nested classes); on a method, that method gets one of
 * its own. Every node listens on 127.0.0.1 on ports the kernel picks, so
 * tests run in parallel builds without clashing; a cluster is joined and
 * whole before the first test sees it; all is stopped when its class or
 * method is done.
 */
package dev.disque.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an in-process Disque server for the annotated test class or method.
 *
 * <pre>{@code
 * @EmbeddedDisque
 * class EmailQueueTest {
 *     @Test
 *     void queuesAWelcome(StatefulDisqueConnection<String, String> disque) {
 *         disque.sync().addjob("emails", "welcome ada", AddJobArgs.Builder.retry(60));
 *         assertEquals(1, disque.sync().qlen("emails"));
 *     }
 * }
 * }</pre>
 *
 * <p>With {@code nodes = 3}, three servers start, each on its own client and cluster bus port; every node
 * but the first is told to {@code CLUSTER MEET} the first, and the tests start once every node has a link to
 * every other (so {@code ADDJOB ... REPLICATE 3} can succeed at once):
 *
 * <pre>{@code
 * @EmbeddedDisque(nodes = 3)
 * class ReplicationTest {
 *     @Test
 *     void keepsThreeCopies(List<DisqueServer> nodes, StatefulDisqueConnection<String, String> disque) {
 *         String id = disque.sync().addjob("emails", "welcome ada", AddJobArgs.Builder.replicate(3));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Test, lifecycle and constructor parameters of these types are injected (see {@link DisqueExtension}):
 * {@code dev.disque.server.DisqueServer} (the first node), {@code List<DisqueServer>} (every node, in
 * order), and, when disque-client is on the test class path, {@code DisqueURI} (every node, in order:
 * {@code disque://127.0.0.1:p1,127.0.0.1:p2,...}), {@code DisqueClient} and
 * {@code StatefulDisqueConnection<String, String>} (made from that URI).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DisqueExtension.class)
public @interface EmbeddedDisque {
    /**
     * Directives of disque.conf, each as {@code "name value"}, for example {@code "maxmemory 100mb"}.
     * They are applied after the extension's own defaults ({@code bind 127.0.0.1}, {@code port 0} and a
     * temporary {@code dir}), so they can change those too.
     *
     * @return the directives
     */
    String[] config() default {};

    /**
     * How many nodes to start. With more than one, they are joined into one cluster: each node but the first
     * meets the first, and the extension waits until they form a full mesh (see {@link #meshTimeoutSeconds()}).
     * Every node gets the same {@link #config()}.
     *
     * @return the number of nodes, at least 1
     */
    int nodes() default 1;

    /**
     * How long to wait for the nodes to form a full mesh before the class or method fails, with what each node
     * saw last. Forming takes well under a second on an idle machine; the bound is generous for busy ones.
     *
     * @return seconds, at least 1
     */
    int meshTimeoutSeconds() default 60;
}
