/*
 * Signals: lets a worker process's main thread handle SIGTERM and SIGINT
 * itself, so that it can drain the worker and return from main, and the
 * JVM exits with status 0. A shutdown hook cannot do that: once a signal
 * starts the JVM's shutdown, the exit status is 128 + the signal number
 * whatever the hooks do.
 *
 * The only API for it is sun.misc.Signal (module jdk.unsupported), reached
 * by reflection so that the build stays free of "internal proprietary API"
 * warnings; where it is missing, install() says so and the caller falls
 * back to a shutdown hook. A second signal while the first is being
 * handled exits at once with 128 + its number, like an impatient Ctrl-C.
 */
package dev.disque.tasque;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

final class Signals implements AutoCloseable {
    private static final Map<String, Integer> NUMBERS = Map.of("TERM", 15, "INT", 2);

    private final Method handle;
    private final List<Object[]> previous = new ArrayList<>();

    private Signals(Method handle) {
        this.handle = handle;
    }

    /**
     * Replaces the TERM and INT handlers: the first signal runs {@code onFirst} on a new thread, a second one exits.
     *
     * @return the installed handlers, to restore with close(); null if this JVM cannot handle signals
     */
    static Signals install(Runnable onFirst) {
        Class<?> signalClass;
        Class<?> handlerClass;
        Method handle;
        Constructor<?> newSignal;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            newSignal = signalClass.getConstructor(String.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
        AtomicBoolean signalled = new AtomicBoolean();
        Signals installed = new Signals(handle);
        for (Map.Entry<String, Integer> s : NUMBERS.entrySet()) {
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> {
                                if (signalled.compareAndSet(false, true)) {
                                    Thread t = new Thread(onFirst, "tasque-signal-" + s.getKey());
                                    t.setDaemon(true);
                                    t.start();
                                } else {
                                    System.exit(128 + s.getValue());
                                }
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "tasque SIG" + s.getKey() + " handler";
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
            try {
                Object signal = newSignal.newInstance(s.getKey());
                installed.previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            } catch (ReflectiveOperationException | RuntimeException e) {
                // This signal cannot be handled here (e.g. INT ignored by a background job): leave it alone.
            }
        }
        if (installed.previous.isEmpty()) return null;
        return installed;
    }

    /** Puts the JVM's own handlers back. */
    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                handle.invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // nothing better to do: the process is about to end anyway
            }
        }
    }
}
