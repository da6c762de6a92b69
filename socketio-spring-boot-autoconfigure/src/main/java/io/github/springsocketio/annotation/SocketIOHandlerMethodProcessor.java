package io.github.springsocketio.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.springsocketio.protocol.ReservedEvents;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the annotated handlers of every bean once the singletons exist, checks them all (failing the start with
 * every problem found), binds them and registers them, with the {@link SocketIOConnectMiddleware} beans, on the
 * server's namespaces. Spring Boot's auto-configuration creates it; declare one yourself only without it.
 *
 * <pre>{@code
 * @Bean
 * static SocketIOHandlerMethodProcessor handlers(SocketIOServer server) {
 *     return new SocketIOHandlerMethodProcessor(server, Executors.newFixedThreadPool(8), 256);
 * }
 * }</pre>
 */
public final class SocketIOHandlerMethodProcessor implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(SocketIOEvent.class, OnConnect.class,
			OnDisconnect.class, OnUnhandledEvent.class, SocketIOExceptionHandler.class);

	private final SocketIOServer server;

	private final Executor executor;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private final int queueCapacity;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * @param server the server to register the handlers on
	 * @param executor runs the handlers that do not return a {@code Mono} or {@code CompletionStage}
	 * @param queueCapacity how many events of one socket may wait for their handler; more are refused with a
	 * {@value EventError#BUSY} error acknowledgement
	 */
	public SocketIOHandlerMethodProcessor(SocketIOServer server, Executor executor, int queueCapacity) {
		Assert.isTrue(queueCapacity > 0, "queueCapacity must be positive");
		this.server = server;
		this.executor = executor;
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Observes every handler call as {@code socketio.handler} (a timer with Actuator, a span with tracing).
	 * @param observationRegistry the registry; {@link ObservationRegistry#NOOP} (the default) observes nothing
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	/**
	 * Finds every annotated handler, checks them all and registers them; called by the container once the
	 * singletons exist, before the server accepts connections.
	 * @throws HandlerDefinitionException listing every handler that cannot work
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No bean factory");
		List<String> problems = new ArrayList<>();
		Supplier<@Nullable PayloadValidator> validator = SingletonSupplier
			.ofNullable(() -> BeanValidation.PRESENT ? BeanValidation.validator(beanFactory) : null);
		HandlerMethodFactory factory = new HandlerMethodFactory(this.server.mapper(), validator, problems);
		Map<NamespaceKey, NamespaceHandlers> namespaces = new LinkedHashMap<>();
		List<Advice> advice = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetClass(beanFactory, beanName);
			if (type == null || !AnnotationUtils.isCandidateClass(type, ANNOTATIONS)) {
				continue;
			}
			Map<Method, MethodKind> methods = MethodIntrospector.selectMethods(type,
					(MethodIntrospector.MetadataLookup<MethodKind>) (method) -> kindOf(method, problems));
			if (methods.isEmpty()) {
				continue;
			}
			if (!beanFactory.isSingleton(beanName)) {
				problems.add("Bean '" + beanName + "' (" + type.getSimpleName() + ") declares Socket.IO handlers but "
						+ "is not a singleton. Make it a singleton; handlers are bound once, at start-up.");
				continue;
			}
			processBean(beanFactory, beanName, type, methods, factory, namespaces, advice, problems);
		}
		Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares = middlewares(beanFactory, problems);
		if (!problems.isEmpty()) {
			throw new HandlerDefinitionException(problems);
		}
		advice.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.bean(), b.bean()));
		Dispatcher dispatcher = new Dispatcher(this.server.mapper(), this.executor, this.queueCapacity,
				advice.stream().map(Advice::handlers).toList(), new HandlerObservations(this.observationRegistry));
		register(namespaces, middlewares, dispatcher);
	}

	private void processBean(ConfigurableListableBeanFactory beanFactory, String beanName, Class<?> type,
			Map<Method, MethodKind> methods, HandlerMethodFactory factory,
			Map<NamespaceKey, NamespaceHandlers> namespaces, List<Advice> advice, List<String> problems) {
		Object bean = beanFactory.getBean(beanName);
		SocketIONamespace beanNamespace = beanFactory.findAnnotationOnBean(beanName, SocketIONamespace.class);
		List<BoundMethod> exceptionMethods = new ArrayList<>();
		Map<Class<?>, BoundMethod> handled = new HashMap<>();
		List<Map.Entry<Method, MethodKind>> handlers = new ArrayList<>();
		for (Map.Entry<Method, MethodKind> entry : sorted(methods)) {
			if (entry.getValue() != MethodKind.EXCEPTION_HANDLER) {
				handlers.add(entry);
				continue;
			}
			BoundMethod bound = factory.create(bean, type, entry.getKey(), MethodKind.EXCEPTION_HANDLER);
			if (bound == null) {
				continue;
			}
			for (Class<? extends Throwable> exception : bound.exceptionTypes()) {
				BoundMethod other = handled.putIfAbsent(exception, bound);
				if (other != null) {
					problems.add("Two @SocketIOExceptionHandler methods of " + type.getSimpleName() + " handle "
							+ exception.getSimpleName() + ": " + other + " and " + bound + ". Keep one.");
				}
			}
			exceptionMethods.add(bound);
		}
		ExceptionHandlers exceptionHandlers = new ExceptionHandlers(exceptionMethods);
		boolean isAdvice = AnnotatedElementUtils.hasAnnotation(type, SocketIOAdvice.class);
		if (isAdvice) {
			advice.add(new Advice(bean, exceptionHandlers));
		}
		else if (handlers.isEmpty()) {
			problems.add("The @SocketIOExceptionHandler methods of " + type.getSimpleName() + " apply to no handler: "
					+ "annotate the class with @SocketIOAdvice to apply them to every handler, or move them to the "
					+ "bean whose handlers they serve.");
		}
		for (Map.Entry<Method, MethodKind> entry : handlers) {
			Method method = entry.getKey();
			MethodKind kind = entry.getValue();
			List<NamespaceKey> keys = namespaces(method, kind, beanNamespace, problems);
			String event = (kind == MethodKind.EVENT) ? eventName(method, problems) : null;
			BoundMethod bound = factory.create(bean, type, method, kind);
			if (bound == null || keys.isEmpty() || (kind == MethodKind.EVENT && event == null)) {
				continue;
			}
			Handler handler = new Handler(bound, exceptionHandlers);
			for (NamespaceKey key : keys) {
				add(namespaces.computeIfAbsent(key, NamespaceKey::handlers), key, handler, event, problems);
			}
		}
	}

	private static void add(NamespaceHandlers handlers, NamespaceKey key, Handler handler, @Nullable String event,
			List<String> problems) {
		switch (handler.method().kind()) {
			case EVENT -> {
				Handler other = handlers.events.putIfAbsent(event, handler);
				if (other != null) {
					problems.add("Two handlers for event '" + event + "' in " + key + ": " + other.method() + " and "
							+ handler.method() + ". Keep one, or give one another namespace with "
							+ "@SocketIOEvent(namespace = ...).");
				}
			}
			case CONNECT -> handlers.connect.add(handler);
			case DISCONNECT -> handlers.disconnect.add(handler);
			case UNHANDLED -> {
				if (handlers.unhandled != null) {
					problems.add("Two @OnUnhandledEvent methods in " + key + ": " + handlers.unhandled.method()
							+ " and " + handler.method() + ". Keep one.");
				}
				else {
					handlers.unhandled = handler;
				}
			}
			default -> throw new IllegalStateException(handler.method().kind().name());
		}
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
			@Nullable SocketIONamespace beanNamespace, List<String> problems) {
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
		SocketIONamespace chosen = (onMethod != null) ? onMethod : beanNamespace;
		if (chosen == null) {
			return List.of(new NamespaceKey("/", false));
		}
		if (chosen.value().length == 0 && chosen.pattern().length == 0) {
			problems.add(where + ": its @SocketIONamespace names no namespace. Give a name or a pattern.");
			return List.of();
		}
		return keys(where, chosen.value(), chosen.pattern(), problems);
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

	private Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares(ConfigurableListableBeanFactory beanFactory,
			List<String> problems) {
		List<Map.Entry<String, SocketIOConnectMiddleware>> beans = new ArrayList<>(
				beanFactory.getBeansOfType(SocketIOConnectMiddleware.class, false, true).entrySet());
		beans.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.getValue(), b.getValue()));
		Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares = new LinkedHashMap<>();
		for (Map.Entry<String, SocketIOConnectMiddleware> bean : beans) {
			SocketIONamespace namespace = beanFactory.findAnnotationOnBean(bean.getKey(), SocketIONamespace.class);
			String where = "SocketIOConnectMiddleware bean '" + bean.getKey() + "'";
			List<NamespaceKey> keys = (namespace == null) ? List.of(new NamespaceKey("/", false))
					: keys(where, namespace.value(), namespace.pattern(), problems);
			if (namespace != null && keys.isEmpty() && namespace.value().length == 0 && namespace.pattern().length == 0) {
				problems.add(where + ": its @SocketIONamespace names no namespace. Give a name or a pattern.");
			}
			for (NamespaceKey key : keys) {
				middlewares.computeIfAbsent(key, (k) -> new ArrayList<>()).add(bean.getValue());
			}
		}
		return middlewares;
	}

	private void register(Map<NamespaceKey, NamespaceHandlers> namespaces,
			Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares, Dispatcher dispatcher) {
		Set<NamespaceKey> keys = new java.util.LinkedHashSet<>(middlewares.keySet());
		keys.addAll(namespaces.keySet());
		for (NamespaceKey key : keys) {
			List<SocketIOConnectMiddleware> uses = middlewares.getOrDefault(key, List.of());
			NamespaceHandlers handlers = namespaces.get(key);
			if (key.pattern()) {
				io.github.springsocketio.server.ParentNamespace parent = this.server.of(Pattern.compile(key.name()));
				uses.forEach(parent::use);
				if (handlers != null && !handlers.isEmpty()) {
					parent.onConnection((socket) -> handlers.attach(socket, dispatcher));
				}
			}
			else {
				io.github.springsocketio.server.Namespace namespace = this.server.of(key.name());
				uses.forEach(namespace::use);
				if (handlers != null && !handlers.isEmpty()) {
					namespace.onConnection((socket) -> handlers.attach(socket, dispatcher));
				}
			}
		}
	}

	private static @Nullable Class<?> targetClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Methods in a stable order (by name, then parameters), so that registration and messages are repeatable. */
	private static List<Map.Entry<Method, MethodKind>> sorted(Map<Method, MethodKind> methods) {
		List<Map.Entry<Method, MethodKind>> entries = new ArrayList<>(methods.entrySet());
		entries.sort((a, b) -> {
			int byName = a.getKey().getName().compareTo(b.getKey().getName());
			return (byName != 0) ? byName
					: Arrays.toString(a.getKey().getParameterTypes()).compareTo(Arrays.toString(b.getKey().getParameterTypes()));
		});
		return entries;
	}

	/** A namespace name, or the pattern of a dynamic namespace. */
	private record NamespaceKey(String name, boolean pattern) {

		NamespaceHandlers handlers() {
			return new NamespaceHandlers(toString());
		}

		@Override
		public String toString() {
			return this.pattern ? "dynamic namespace '" + this.name + "'" : "namespace '" + this.name + "'";
		}

	}

	private record Advice(Object bean, ExceptionHandlers handlers) {
	}

}
