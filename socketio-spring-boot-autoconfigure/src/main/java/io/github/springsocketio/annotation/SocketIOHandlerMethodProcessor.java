package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ParentNamespace;
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
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
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

	private final SocketIOServer server;

	private final Executor executor;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private final int queueCapacity;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private List<SocketIOArgumentResolver> argumentResolvers = List.of();

	private List<SocketIOHandlerContext> handlerContexts = List.of();

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

	/**
	 * Gives handler parameters of other kinds their values, asked in order before the built-in kinds.
	 * @param argumentResolvers the resolvers; none by default
	 */
	public void setArgumentResolvers(List<SocketIOArgumentResolver> argumentResolvers) {
		this.argumentResolvers = List.copyOf(argumentResolvers);
	}

	/**
	 * Sets up what handlers' code reads from the thread or the Reactor context around every handler call: the
	 * socket's Spring Security context, say.
	 * @param handlerContexts the contexts, opened in order; none by default
	 */
	public void setHandlerContexts(List<SocketIOHandlerContext> handlerContexts) {
		this.handlerContexts = List.copyOf(handlerContexts);
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
			.ofNullable(() -> BeanValidationSupport.validator(beanFactory));
		HandlerMethodFactory factory = new HandlerMethodFactory(this.server.mapper(), validator, problems,
				this.argumentResolvers);
		Map<NamespaceKey, NamespaceHandlers> namespaces = new LinkedHashMap<>();
		List<Advice> advice = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetClass(beanFactory, beanName);
			if (type == null || !HandlerAnnotations.isCandidate(type)) {
				continue;
			}
			Map<Method, MethodKind> methods = HandlerAnnotations.methods(type, problems);
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
				advice.stream().map(Advice::handlers).toList(), new HandlerObservations(this.observationRegistry),
				new HandlerContexts(this.handlerContexts));
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
		for (Map.Entry<Method, MethodKind> entry : methods.entrySet()) {
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
			HandlerDefinition definition = HandlerAnnotations.define(entry.getKey(), entry.getValue(), beanNamespace,
					problems);
			BoundMethod bound = factory.create(bean, type, entry.getKey(), entry.getValue());
			if (bound == null || definition == null) {
				continue;
			}
			Handler handler = new Handler(bound, exceptionHandlers);
			for (NamespaceKey key : definition.namespaces()) {
				add(namespaces.computeIfAbsent(key, NamespaceKey::handlers), key, handler, definition.event(),
						problems);
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

	private Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares(ConfigurableListableBeanFactory beanFactory,
			List<String> problems) {
		List<Map.Entry<String, SocketIOConnectMiddleware>> beans = new ArrayList<>(
				beanFactory.getBeansOfType(SocketIOConnectMiddleware.class, false, true).entrySet());
		beans.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.getValue(), b.getValue()));
		Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares = new LinkedHashMap<>();
		for (Map.Entry<String, SocketIOConnectMiddleware> bean : beans) {
			SocketIONamespace namespace = beanFactory.findAnnotationOnBean(bean.getKey(), SocketIONamespace.class);
			String where = "SocketIOConnectMiddleware bean '" + bean.getKey() + "'";
			for (NamespaceKey key : HandlerAnnotations.namespaces(where, namespace, problems)) {
				middlewares.computeIfAbsent(key, (k) -> new ArrayList<>()).add(bean.getValue());
			}
		}
		return middlewares;
	}

	private void register(Map<NamespaceKey, NamespaceHandlers> namespaces,
			Map<NamespaceKey, List<SocketIOConnectMiddleware>> middlewares, Dispatcher dispatcher) {
		Set<NamespaceKey> keys = new LinkedHashSet<>(middlewares.keySet());
		keys.addAll(namespaces.keySet());
		for (NamespaceKey key : keys) {
			List<SocketIOConnectMiddleware> uses = middlewares.getOrDefault(key, List.of());
			NamespaceHandlers handlers = namespaces.get(key);
			if (key.pattern()) {
				ParentNamespace parent = this.server.of(Pattern.compile(key.name()));
				uses.forEach(parent::use);
				if (handlers != null && !handlers.isEmpty()) {
					parent.onConnection((socket) -> handlers.attach(socket, dispatcher));
				}
			}
			else {
				Namespace namespace = this.server.of(key.name());
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

	private record Advice(Object bean, ExceptionHandlers handlers) {
	}

}
