/*
 * DisqueExtension: the JUnit Jupiter extension behind @EmbeddedDisque.
 * What it starts (one server, or a cluster of N) lives in JUnit's extension
 * store of the class or method whose annotation asked for it, so JUnit
 * itself closes it when that class or method is done, whether its tests
 * passed or not, and a lookup from a method finds its own first, then its
 * class's, then an enclosing class's (for @Nested tests). Connections
 * handed to a parameter are stored in the context of the method that
 * received them and closed with it.
 *
 * Client types are recognised by name and handled in ClientSupport, so the
 * extension works without disque-client on the class path.
 */
package dev.disque.junit;

import dev.disque.server.DisqueServer;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the embedded Disque servers that {@link EmbeddedDisque} asks for (joined into a cluster when there are
 * several) and injects them ({@code DisqueServer} for the first, {@code List<DisqueServer>} for all), or a
 * {@code DisqueURI}, {@code DisqueClient} or {@code StatefulDisqueConnection<String, String>} for them, into
 * test, lifecycle and constructor parameters. Everything it starts is stopped after the class or method
 * that asked for it.
 */
public final class DisqueExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DisqueExtension.class);
    private static final String SERVER = "server";

    /** JUnit creates it through {@code @EmbeddedDisque}'s {@code @ExtendWith}. */
    public DisqueExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // Only the class's own (or inherited) annotation: a @Nested class without one shares its outer class's server.
        startIfAnnotated(context, context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        startIfAnnotated(context, context.getRequiredTestMethod());
    }

    private static void startIfAnnotated(ExtensionContext context, AnnotatedElement element) throws Exception {
        Optional<EmbeddedDisque> annotation = AnnotationSupport.findAnnotation(element, EmbeddedDisque.class);
        if (annotation.isEmpty()) return;
        // Under the same key as an outer server, so lookups from this context and below find this one.
        context.getStore(NAMESPACE).put(SERVER, RunningDisque.start(annotation.get()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == DisqueServer.class) return true;
        if (type == List.class) return listOfServers(parameter.getParameter().getParameterizedType());
        String name = type.getName();
        if (name.equals(ClientSupport.URI) || name.equals(ClientSupport.CLIENT)) return true;
        return name.equals(ClientSupport.CONNECTION) && stringTyped(parameter.getParameter().getParameterizedType());
    }

    /** {@code List<DisqueServer>} or {@code List<? extends DisqueServer>}; a raw or other list is not ours. */
    private static boolean listOfServers(Type type) {
        if (!(type instanceof ParameterizedType p)) return false;
        Type arg = p.getActualTypeArguments()[0];
        if (arg == DisqueServer.class) return true;
        return arg instanceof WildcardType w && w.getLowerBounds().length == 0
                && w.getUpperBounds().length == 1 && w.getUpperBounds()[0] == DisqueServer.class;
    }

    /** Connections are made with the String codec: accept the raw type, wildcards and {@code <String, String>}. */
    private static boolean stringTyped(Type type) {
        if (!(type instanceof ParameterizedType)) return true;
        for (Type arg : ((ParameterizedType) type).getActualTypeArguments()) {
            if (arg == String.class) continue;
            if (arg instanceof WildcardType w && w.getLowerBounds().length == 0
                    && (w.getUpperBounds().length == 0 || w.getUpperBounds()[0] == Object.class)) {
                continue;
            }
            return false;
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningDisque running = context.getStore(NAMESPACE).get(SERVER, RunningDisque.class);
        if (running == null) {
            throw new ParameterResolutionException("No embedded Disque server for " + parameter.getDeclaringExecutable()
                    + ": annotate its class or method with @EmbeddedDisque");
        }
        String name = parameter.getParameter().getType().getName();
        if (name.equals(DisqueServer.class.getName())) return running.servers.get(0);
        if (name.equals(List.class.getName())) return running.servers;
        if (name.equals(ClientSupport.URI)) return ClientSupport.uriOf(running.servers);
        if (name.equals(ClientSupport.CLIENT)) return running.client().client;
        AutoCloseable connection = ClientSupport.connect(running.client());
        context.getStore(NAMESPACE).put(connection, connection);
        return connection;
    }
}
