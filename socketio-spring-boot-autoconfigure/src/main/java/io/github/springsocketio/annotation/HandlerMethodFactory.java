package io.github.springsocketio.annotation;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

/**
 * Checks an annotated method and binds it: one {@link ParameterResolver} per parameter, a method handle, the return
 * kind. Problems are collected, not thrown, so that one start-up failure lists them all.
 */
final class HandlerMethodFactory {

	private static final List<Class<?>> ABSTRACT_PAYLOAD_TYPES = List.of(Object.class, Collection.class, Map.class,
			Iterable.class, CharSequence.class, Number.class, JsonNode.class);

	private static final Set<String> SERVER_PACKAGES = Set.of("io.github.springsocketio.server",
			"io.github.springsocketio.engine", "io.github.springsocketio.protocol", "io.github.springsocketio.adapter",
			"io.github.springsocketio.adapter.redis");

	private final JsonMapper mapper;

	private final Supplier<@Nullable PayloadValidator> validator;

	private final List<String> problems;

	HandlerMethodFactory(JsonMapper mapper, Supplier<@Nullable PayloadValidator> validator, List<String> problems) {
		this.mapper = mapper;
		this.validator = validator;
		this.problems = problems;
	}

	/**
	 * @param bean the bean (possibly a proxy)
	 * @param userClass the bean's own class
	 * @param method the annotated method, as declared on the user class
	 * @param kind what it handles
	 * @return the bound method, or {@code null} when it has problems (added to the list)
	 */
	@Nullable BoundMethod create(Object bean, Class<?> userClass, Method method, MethodKind kind) {
		String where = kind.annotation() + " method " + BoundMethod.describe(method);
		int before = this.problems.size();
		Parameter[] parameters = method.getParameters();
		ParameterResolver[] resolvers = new ParameterResolver[parameters.length];
		boolean ack = false;
		List<Class<? extends Throwable>> exceptionParameters = new ArrayList<>();
		int payloadIndex = 0;
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			Class<?> type = parameter.getType();
			String name = "parameter '" + parameter.getName() + "' (" + type.getSimpleName() + ")";
			Auth auth = AnnotatedElementUtils.findMergedAnnotation(parameter, Auth.class);
			if (auth != null) {
				resolvers[i] = authResolver(where, name, auth.value(), type, javaType(method, i, userClass));
			}
			else if (parameter.isAnnotationPresent(EventName.class)) {
				if (type != String.class) {
					problem(where + ": @EventName " + name + " must be a String.");
				}
				else if (kind == MethodKind.CONNECT || kind == MethodKind.DISCONNECT) {
					problem(where + ": " + name + " cannot be an @EventName; connect and disconnect have no event. "
							+ "Remove the parameter.");
				}
				resolvers[i] = Invocation::event;
			}
			else if (type == SocketIOSocket.class) {
				resolvers[i] = Invocation::socket;
			}
			else if (type == Namespace.class) {
				resolvers[i] = (invocation) -> invocation.socket().namespace();
			}
			else if (type == Handshake.class) {
				resolvers[i] = (invocation) -> invocation.socket().handshake();
			}
			else if (type == Arguments.class) {
				if (kind == MethodKind.CONNECT || kind == MethodKind.DISCONNECT) {
					problem(where + ": " + name + " is not available; connect and disconnect have no arguments. "
							+ "Remove the parameter.");
				}
				resolvers[i] = Invocation::args;
			}
			else if (type == Ack.class) {
				if (kind != MethodKind.EVENT) {
					problem(where + ": " + name + " is only available to @SocketIOEvent methods. "
							+ "Return the acknowledgement's value instead.");
				}
				ack = true;
				resolvers[i] = Invocation::ack;
			}
			else if (type == DisconnectReason.class) {
				if (kind != MethodKind.DISCONNECT) {
					problem(where + ": " + name + " is only available to @OnDisconnect methods. Remove the parameter.");
				}
				resolvers[i] = Invocation::reason;
			}
			else if (Throwable.class.isAssignableFrom(type)) {
				if (kind != MethodKind.EXCEPTION_HANDLER) {
					problem(where + ": " + name + " is only available to @SocketIOExceptionHandler methods. "
							+ "Remove the parameter.");
				}
				@SuppressWarnings("unchecked")
				Class<? extends Throwable> exceptionType = (Class<? extends Throwable>) type;
				exceptionParameters.add(exceptionType);
				resolvers[i] = (invocation) -> ExceptionHandlers.find(invocation.exception(), exceptionType);
			}
			else if (kind == MethodKind.EVENT) {
				String unsupported = unsupportedPayload(type);
				if (unsupported != null) {
					problem(where + ": " + name + " is not supported: " + unsupported + ". " + supported(kind));
				}
				resolvers[i] = payloadResolver(where, parameter, payloadIndex++, type, javaType(method, i, userClass));
			}
			else {
				problem(where + ": " + name + " is not supported. " + supported(kind));
				resolvers[i] = (invocation) -> null;
			}
		}
		ReturnKind returnKind = returnKind(where, method, kind, ack);
		List<Class<? extends Throwable>> exceptionTypes = (kind == MethodKind.EXCEPTION_HANDLER)
				? exceptionTypes(where, method, exceptionParameters) : List.of();
		MethodHandle invoker = invoker(where, bean, method);
		if (this.problems.size() > before || invoker == null || returnKind == null) {
			return null;
		}
		return new BoundMethod(bean, method, kind, invoker, resolvers, returnKind, ack, exceptionTypes);
	}

	private void problem(String problem) {
		this.problems.add(problem);
	}

	private JavaType javaType(Method method, int index, Class<?> userClass) {
		MethodParameter parameter = new MethodParameter(method, index).withContainingClass(userClass);
		return this.mapper.constructType(ResolvableType.forMethodParameter(parameter).getType());
	}

	private ParameterResolver payloadResolver(String where, Parameter parameter, int index, Class<?> type,
			JavaType javaType) {
		Object[] groups = validationGroups(parameter);
		PayloadValidator validator = null;
		if (groups != null) {
			validator = this.validator.get();
			if (validator == null) {
				problem(where + ": parameter '" + parameter.getName() + "' asks for validation, but no Bean "
						+ "Validation provider is on the class path. Add spring-boot-starter-validation, or remove "
						+ "the annotation.");
			}
		}
		PayloadValidator chosen = validator;
		String name = parameter.getName();
		return (invocation) -> {
			Object value = payload(invocation, index, name, type, javaType);
			if (chosen != null && groups != null) {
				chosen.validate(value, groups);
			}
			return value;
		};
	}

	private @Nullable Object payload(Invocation invocation, int index, String name, Class<?> type, JavaType javaType) {
		JsonNode node = invocation.args().node(index);
		if (node.isMissingNode() || node.isNull()) {
			if (type.isPrimitive()) {
				throw new EventErrorException(EventError.BAD_REQUEST, "Argument " + index + " ('" + name
						+ "') of event '" + invocation.event() + "' is missing; a " + type.getSimpleName() + " is expected");
			}
			return null;
		}
		if (type.isInstance(node)) {
			return node;
		}
		if (type == byte[].class && node.isBinary()) {
			return node.binaryValue();
		}
		try {
			return this.mapper.treeToValue(node, javaType);
		}
		catch (JacksonException ex) {
			throw new EventErrorException(new EventError(EventError.BAD_REQUEST, "Argument " + index + " ('" + name
					+ "') of event '" + invocation.event() + "' is not a valid " + type.getSimpleName(), null), ex);
		}
	}

	private ParameterResolver authResolver(String where, String name, String property, Class<?> type,
			JavaType javaType) {
		if (type.isPrimitive()) {
			problem(where + ": @Auth " + name + " cannot be a primitive; the client may not send it. Use "
					+ org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type).getSimpleName()
					+ " instead.");
		}
		return (invocation) -> {
			ObjectNode auth = invocation.socket().handshake().auth();
			JsonNode node = property.isEmpty() ? auth : auth.get(property);
			if (node == null || node.isNull() || node.isMissingNode()) {
				return null;
			}
			if (type.isInstance(node)) {
				return node;
			}
			try {
				return this.mapper.treeToValue(node, javaType);
			}
			catch (JacksonException ex) {
				throw new EventErrorException(new EventError(EventError.BAD_REQUEST, "The handshake auth"
						+ (property.isEmpty() ? "" : " property '" + property + "'") + " is not a valid "
						+ type.getSimpleName(), null), ex);
			}
		};
	}

	private static Object @Nullable [] validationGroups(Parameter parameter) {
		for (Annotation annotation : parameter.getAnnotations()) {
			Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
			if (hints != null) {
				return hints;
			}
		}
		return null;
	}

	private @Nullable ReturnKind returnKind(String where, Method method, MethodKind kind, boolean ack) {
		Class<?> type = method.getReturnType();
		ReturnKind returnKind = ReturnKind.of(type);
		if (returnKind == null) {
			problem(where + ": the return type " + type.getSimpleName() + " is not supported. Return a value, a Mono "
					+ "(collect a Flux with collectList()), a CompletionStage, or void.");
			return null;
		}
		switch (kind) {
			case EVENT -> {
				if (ack && returnKind != ReturnKind.VOID && !promisesNothing(method)) {
					problem(where + ": it takes an Ack and returns " + type.getSimpleName() + ". Acknowledge one way: "
							+ "return void (or Mono<Void> to run on the event loop) and call ack.send(...), or remove "
							+ "the Ack parameter and return the value.");
				}
			}
			case CONNECT, DISCONNECT, UNHANDLED -> {
				if (returnKind == ReturnKind.VALUE) {
					problem(where + ": it returns " + type.getSimpleName() + ", but there is nothing to acknowledge. "
							+ "Return void, Mono<Void> or CompletionStage<Void>.");
				}
			}
			default -> {
			}
		}
		return returnKind;
	}

	/** @return whether the method returns {@code Mono<Void>} or {@code CompletionStage<Void>} */
	private static boolean promisesNothing(Method method) {
		ReturnKind kind = ReturnKind.of(method.getReturnType());
		return (kind == ReturnKind.MONO || kind == ReturnKind.COMPLETION_STAGE)
				&& ResolvableType.forMethodReturnType(method).getGeneric(0).resolve() == Void.class;
	}

	private List<Class<? extends Throwable>> exceptionTypes(String where, Method method,
			List<Class<? extends Throwable>> parameters) {
		SocketIOExceptionHandler annotation = AnnotatedElementUtils.findMergedAnnotation(method,
				SocketIOExceptionHandler.class);
		List<Class<? extends Throwable>> declared = (annotation != null) ? Arrays.asList(annotation.value()) : List.of();
		if (parameters.size() > 1) {
			problem(where + ": it takes " + parameters.size() + " exception parameters. Keep one.");
		}
		if (declared.isEmpty()) {
			if (parameters.isEmpty()) {
				problem(where + ": it names no exception. Add an exception parameter, or list the exceptions in "
						+ "@SocketIOExceptionHandler({...}).");
			}
			return parameters;
		}
		if (parameters.size() == 1) {
			for (Class<? extends Throwable> exception : declared) {
				if (!parameters.get(0).isAssignableFrom(exception)) {
					problem(where + ": it handles " + exception.getSimpleName() + ", which its "
							+ parameters.get(0).getSimpleName() + " parameter cannot receive. Widen the parameter "
							+ "type or remove " + exception.getSimpleName() + " from the annotation.");
				}
			}
		}
		return declared;
	}

	private @Nullable MethodHandle invoker(String where, Object bean, Method method) {
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			problem(where + ": it cannot be called on the bean's proxy (" + ex.getMessage() + "). Declare it on the "
					+ "bean's interface, or make it public.");
			return null;
		}
		if (AopUtils.isAopProxy(bean) && Modifier.isPrivate(invocable.getModifiers())) {
			problem(where + ": it is private on a proxied bean, where it would run on the proxy. Make it "
					+ "package-private or public.");
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(invocable);
			MethodHandle handle = MethodHandles.lookup().unreflect(invocable);
			if (!Modifier.isStatic(invocable.getModifiers())) {
				handle = handle.bindTo(bean);
			}
			return handle.asSpreader(Object[].class, invocable.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException | RuntimeException ex) {
			problem(where + ": it cannot be called (" + ex.getMessage() + "). Make it public.");
			return null;
		}
	}

	/** @return why a type cannot be a payload parameter, or {@code null} when it can */
	static @Nullable String unsupportedPayload(Class<?> type) {
		if (Publisher.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| Future.class.isAssignableFrom(type)) {
			return "arguments arrive as values, not as promises (a Mono may be returned, not received)";
		}
		String name = type.getName();
		if (SERVER_PACKAGES.contains(type.getPackageName()) || name.startsWith("org.springframework.")) {
			return "this type is not a JSON value, and no handler parameter of that type exists";
		}
		if (name.startsWith("java.util.function.") || Runnable.class.isAssignableFrom(type)
				|| Callable.class.isAssignableFrom(type) || Executor.class.isAssignableFrom(type)
				|| Thread.class.isAssignableFrom(type) || type == Class.class) {
			return "this type is not a JSON value";
		}
		boolean isAbstract = type.isInterface() || Modifier.isAbstract(type.getModifiers());
		if (isAbstract && !type.isPrimitive() && !type.isArray()
				&& ABSTRACT_PAYLOAD_TYPES.stream().noneMatch((known) -> known.isAssignableFrom(type))
				&& !AnnotatedElementUtils.hasAnnotation(type, JsonTypeInfo.class)
				&& !AnnotatedElementUtils.hasAnnotation(type, JsonSubTypes.class)
				&& !AnnotatedElementUtils.hasAnnotation(type, JsonDeserialize.class)) {
			return "the JSON mapper cannot create an instance of this " + (type.isInterface() ? "interface" : "abstract class")
					+ " (use a record or a class, or annotate the type with @JsonTypeInfo)";
		}
		return null;
	}

	private static String supported(MethodKind kind) {
		return switch (kind) {
			case EVENT -> "Handler parameters are SocketIOSocket, Namespace, Handshake, Ack, Arguments, "
					+ "@EventName String, @Auth values, and the event's arguments (records, classes, List, Map, "
					+ "JsonNode, byte[], primitives).";
			case CONNECT -> "@OnConnect parameters are SocketIOSocket, Namespace, Handshake and @Auth values.";
			case DISCONNECT -> "@OnDisconnect parameters are SocketIOSocket, Namespace, Handshake, DisconnectReason and "
					+ "@Auth values.";
			case UNHANDLED -> "@OnUnhandledEvent parameters are SocketIOSocket, Namespace, Handshake, Arguments, "
					+ "@EventName String and @Auth values.";
			case EXCEPTION_HANDLER -> "@SocketIOExceptionHandler parameters are the exception, SocketIOSocket, "
					+ "Namespace, Handshake, Arguments, @EventName String and @Auth values.";
		};
	}

}
