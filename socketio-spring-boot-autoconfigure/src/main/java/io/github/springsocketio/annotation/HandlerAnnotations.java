package io.github.springsocketio.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.springsocketio.protocol.ReservedEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;

/**
 * Reads the handler annotations of a class into {@link HandlerDefinition handler definitions}, reporting every
 * annotation that cannot work; it binds nothing and needs no application context.
 */
final class HandlerAnnotations {

	private static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(SocketIOEvent.class, OnConnect.class,
			OnDisconnect.class, OnUnhandledEvent.class, SocketIOExceptionHandler.class);

	/** By name, then parameters, so that registration and messages are repeatable. */
	private static final Comparator<Method> STABLE_ORDER = Comparator.comparing(Method::getName)
		.thenComparing((method) -> Arrays.toString(method.getParameterTypes()));

	private HandlerAnnotations() {
	}

	/** Whether the class may declare handlers: a cheap check that spares most classes a look at every method. */
	static boolean isCandidate(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, ANNOTATIONS);
	}

	/**
	 * The annotated methods of a class, with what each handles, in a stable order. A method with more than one
	 * handler annotation is reported and left out.
	 * @param type the user class (not a proxy)
	 * @param problems where to report
	 */
	static Map<Method, MethodKind> methods(Class<?> type, List<String> problems) {
		Map<Method, MethodKind> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<MethodKind>) (method) -> kindOf(method, problems));
		Map<Method, MethodKind> sorted = new LinkedHashMap<>();
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(STABLE_ORDER))
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	/**
	 * Reads the event name and the namespaces of a handler method (any kind but an exception handler).
	 * @param method the annotated method
	 * @param kind what it handles
	 * @param classNamespace the {@link SocketIONamespace} of its bean, if any
	 * @param problems where to report
	 * @return the definition, or {@code null} when a problem was reported
	 */
	static @Nullable HandlerDefinition define(Method method, MethodKind kind, @Nullable SocketIONamespace classNamespace,
			List<String> problems) {
		Assert.isTrue(kind != MethodKind.EXCEPTION_HANDLER, "An exception handler serves no namespace");
		List<NamespaceKey> namespaces = namespaces(method, kind, classNamespace, problems);
		String event = (kind == MethodKind.EVENT) ? eventName(method, problems) : null;
		if (namespaces.isEmpty() || (kind == MethodKind.EVENT && event == null)) {
			return null;
		}
		return new HandlerDefinition(method, kind, event, namespaces);
	}

	/**
	 * The namespaces a {@link SocketIONamespace} names: the main namespace when there is none.
	 * @param where what carries the annotation, for the messages
	 * @param namespace the annotation, if any
	 * @param problems where to report
	 * @return the namespaces; empty when a problem was reported
	 */
	static List<NamespaceKey> namespaces(String where, @Nullable SocketIONamespace namespace, List<String> problems) {
		if (namespace == null) {
			return List.of(NamespaceKey.MAIN);
		}
		if (namespace.value().length == 0 && namespace.pattern().length == 0) {
			problems.add(where + ": its @SocketIONamespace names no namespace. Give a name or a pattern.");
			return List.of();
		}
		return keys(where, namespace.value(), namespace.pattern(), problems);
	}

	private static @Nullable MethodKind kindOf(Method method, List<String> problems) {
		List<MethodKind> kinds = new ArrayList<>(1);
		if (AnnotatedElementUtils.hasAnnotation(method, SocketIOEvent.class)) {
			kinds.add(MethodKind.EVENT);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnConnect.class)) {
			kinds.add(MethodKind.CONNECT);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnDisconnect.class)) {
			kinds.add(MethodKind.DISCONNECT);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnUnhandledEvent.class)) {
			kinds.add(MethodKind.UNHANDLED);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, SocketIOExceptionHandler.class)) {
			kinds.add(MethodKind.EXCEPTION_HANDLER);
		}
		if (kinds.size() > 1) {
			problems.add(BoundMethod.describe(method) + " has " + kinds.stream().map(MethodKind::annotation).toList()
					+ ". Keep one annotation per method.");
			return null;
		}
		return kinds.isEmpty() ? null : kinds.get(0);
	}

	private static @Nullable String eventName(Method method, List<String> problems) {
		SocketIOEvent annotation = AnnotatedElementUtils.findMergedAnnotation(method, SocketIOEvent.class);
		String event = (annotation != null) ? annotation.value() : "";
		String where = "@SocketIOEvent method " + BoundMethod.describe(method);
		if (event.isEmpty()) {
			problems.add(where + " has no event name. Name the event: @SocketIOEvent(\"chat message\").");
			return null;
		}
		if (ReservedEvents.isReserved(event)) {
			String instead = switch (event) {
				case "connect" -> "Use @OnConnect for connections.";
				case "disconnect", "disconnecting" -> "Use @OnDisconnect for disconnections.";
				default -> "Choose another name.";
			};
			problems.add(where + " handles '" + event + "', a name reserved by the Socket.IO client library ("
					+ String.join(", ", ReservedEvents.NAMES.stream().sorted().toList()) + "); clients cannot send it. "
					+ instead);
			return null;
		}
		return event;
	}

	private static List<NamespaceKey> namespaces(Method method, MethodKind kind,
			@Nullable SocketIONamespace classNamespace, List<String> problems) {
		String[] attribute = switch (kind) {
			case EVENT -> annotation(method, SocketIOEvent.class).namespace();
			case CONNECT -> annotation(method, OnConnect.class).namespace();
			case DISCONNECT -> annotation(method, OnDisconnect.class).namespace();
			case UNHANDLED -> annotation(method, OnUnhandledEvent.class).namespace();
			default -> new String[0];
		};
		SocketIONamespace onMethod = AnnotatedElementUtils.findMergedAnnotation(method, SocketIONamespace.class);
		String where = kind.annotation() + " method " + BoundMethod.describe(method);
		if (attribute.length > 0 && onMethod != null) {
			problems.add(where + " names its namespace twice, in " + kind.annotation() + "(namespace = ...) and in "
					+ "@SocketIONamespace. Keep one.");
			return List.of();
		}
		if (attribute.length > 0) {
			return keys(where, attribute, new String[0], problems);
		}
		return namespaces(where, (onMethod != null) ? onMethod : classNamespace, problems);
	}

	private static List<NamespaceKey> keys(String where, String[] names, String[] patterns, List<String> problems) {
		List<NamespaceKey> keys = new ArrayList<>();
		for (String name : names) {
			if (name.isBlank()) {
				problems.add(where + ": a namespace name is blank. Use \"/\" for the main namespace.");
				continue;
			}
			keys.add(new NamespaceKey(name.startsWith("/") ? name : "/" + name, false));
		}
		for (String pattern : patterns) {
			try {
				Pattern.compile(pattern);
				keys.add(new NamespaceKey(pattern, true));
			}
			catch (PatternSyntaxException ex) {
				problems.add(where + ": the namespace pattern '" + pattern + "' is not a regular expression ("
						+ ex.getDescription() + ").");
			}
		}
		return keys;
	}

	private static <A extends Annotation> A annotation(Method method, Class<A> type) {
		A annotation = AnnotatedElementUtils.findMergedAnnotation(method, type);
		Assert.state(annotation != null, "No " + type.getSimpleName() + " on " + method);
		return annotation;
	}

}
