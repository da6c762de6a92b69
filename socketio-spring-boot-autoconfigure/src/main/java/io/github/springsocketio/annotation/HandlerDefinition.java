package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the annotations of one handler method say: what it handles, the event it handles, and the namespaces it
 * serves.
 *
 * @param method the annotated method, as declared on the user class
 * @param kind what it handles
 * @param event the event name of an {@link MethodKind#EVENT} handler, {@code null} for the other kinds
 * @param namespaces the namespaces it serves; never empty
 */
record HandlerDefinition(Method method, MethodKind kind, @Nullable String event, List<NamespaceKey> namespaces) {
}
