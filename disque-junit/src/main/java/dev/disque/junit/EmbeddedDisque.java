/*
 * EmbeddedDisque: the one annotation a test needs for a real Disque server.
 * On a class, one server serves all its tests (and its @Nested classes);
 * on a method, that method gets a server of its own. Either way it listens
 * on 127.0.0.1 on a port the kernel picks, so tests run in parallel builds
 * without clashing, and it is stopped when its class or method is done.
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
 * <p>Test, lifecycle and constructor parameters of these types are injected (see {@link DisqueExtension}):
 * {@code dev.disque.server.DisqueServer}, and, when disque-client is on the test class path,
 * {@code DisqueURI}, {@code DisqueClient} and {@code StatefulDisqueConnection<String, String>}.
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
}
