package io.github.springsocketio.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Checks an annotated method and binds it: one {@link ParameterResolver} per parameter, a method handle, the return
 * kind. Problems are collected, not thrown, so that one start-up failure lists them all.
 */
final class HandlerMethodFactory {

	private final JsonParameters json;

	private final List<String> problems;

	private final List<SocketIOArgumentResolver> argumentResolvers;

	HandlerMethodFactory(JsonMapper mapper, Supplier<@Nullable PayloadValidator> validator, List<String> problems,
			List<SocketIOArgumentResolver> argumentResolvers) {
		this.json = new JsonParameters(mapper, validator, problems);
		this.problems = problems;
		this.argumentResolvers = argumentResolvers;
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
			SocketIOArgumentResolver custom = argumentResolver(MethodParameter.forParameter(parameter));
			if (custom != null) {
				MethodParameter methodParameter = MethodParameter.forParameter(parameter);
				resolvers[i] = (invocation) -> custom.resolveArgument(methodParameter, invocation.socket());
			}
			else if (auth != null) {
				resolvers[i] = this.json.auth(where, name, auth.value(), type, this.json.javaType(method, i, userClass));
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
			else if (Principal.class.isAssignableFrom(type)) {
				// an Authentication, a JwtAuthenticationToken...: null when the socket's principal is not one
				resolvers[i] = (invocation) -> invocation.socket().principal().filter(type::isInstance).orElse(null);
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
				String unsupported = JsonParameters.unsupportedPayload(type);
				if (unsupported != null) {
					problem(where + ": " + name + " is not supported: " + unsupported + ". " + supported(kind));
				}
				resolvers[i] = this.json.payload(where, parameter, payloadIndex++, type,
						this.json.javaType(method, i, userClass));
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

	private @Nullable SocketIOArgumentResolver argumentResolver(MethodParameter parameter) {
		for (SocketIOArgumentResolver resolver : this.argumentResolvers) {
			if (resolver.supportsParameter(parameter)) {
				return resolver;
			}
		}
		return null;
	}

	private void problem(String problem) {
		this.problems.add(problem);
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

	private static String supported(MethodKind kind) {
		return switch (kind) {
			case EVENT -> "Handler parameters are SocketIOSocket, Namespace, Handshake, Principal, Ack, Arguments, "
					+ "@EventName String, @Auth values, and the event's arguments (records, classes, List, Map, "
					+ "JsonNode, byte[], primitives).";
			case CONNECT -> "@OnConnect parameters are SocketIOSocket, Namespace, Handshake, Principal and @Auth values.";
			case DISCONNECT -> "@OnDisconnect parameters are SocketIOSocket, Namespace, Handshake, Principal, DisconnectReason and "
					+ "@Auth values.";
			case UNHANDLED -> "@OnUnhandledEvent parameters are SocketIOSocket, Namespace, Handshake, Principal, Arguments, "
					+ "@EventName String and @Auth values.";
			case EXCEPTION_HANDLER -> "@SocketIOExceptionHandler parameters are the exception, SocketIOSocket, "
					+ "Namespace, Handshake, Principal, Arguments, @EventName String and @Auth values.";
		};
	}

}
