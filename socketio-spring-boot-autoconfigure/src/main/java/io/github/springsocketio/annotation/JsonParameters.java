package io.github.springsocketio.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
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
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

/**
 * Makes the resolvers of handler parameters read from JSON: an event's arguments (converted, and validated when
 * annotated) and the handshake's {@link Auth} values. Problems are collected, as by {@link HandlerMethodFactory}.
 */
final class JsonParameters {

	private static final List<Class<?>> ABSTRACT_PAYLOAD_TYPES = List.of(Object.class, Collection.class, Map.class,
			Iterable.class, CharSequence.class, Number.class, JsonNode.class);

	private static final Set<String> SERVER_PACKAGES = Set.of("io.github.springsocketio.server",
			"io.github.springsocketio.engine", "io.github.springsocketio.protocol", "io.github.springsocketio.adapter",
			"io.github.springsocketio.adapter.redis");

	private final JsonMapper mapper;

	private final Supplier<@Nullable PayloadValidator> validator;

	private final List<String> problems;

	JsonParameters(JsonMapper mapper, Supplier<@Nullable PayloadValidator> validator, List<String> problems) {
		this.mapper = mapper;
		this.validator = validator;
		this.problems = problems;
	}

	private void problem(String problem) {
		this.problems.add(problem);
	}

	/** The type of a parameter as the JSON mapper sees it, generics resolved against the bean's class. */
	JavaType javaType(Method method, int index, Class<?> userClass) {
		MethodParameter parameter = new MethodParameter(method, index).withContainingClass(userClass);
		return this.mapper.constructType(ResolvableType.forMethodParameter(parameter).getType());
	}

	/**
	 * @param where the method, for the messages
	 * @param parameter the payload parameter
	 * @param index which of the event's arguments it receives
	 * @param type the parameter's class
	 * @param javaType the parameter's type, see {@link #javaType}
	 * @return a resolver converting the argument, validating it when the parameter asks for it
	 */
	ParameterResolver payload(String where, Parameter parameter, int index, Class<?> type, JavaType javaType) {
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
			Object value = read(invocation, index, name, type, javaType);
			if (chosen != null && groups != null) {
				chosen.validate(value, groups);
			}
			return value;
		};
	}

	private @Nullable Object read(Invocation invocation, int index, String name, Class<?> type, JavaType javaType) {
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

	/**
	 * @param where the method, for the messages
	 * @param name the parameter, for the messages
	 * @param property the auth property it receives, empty for the whole auth object
	 * @param type the parameter's class
	 * @param javaType the parameter's type, see {@link #javaType}
	 * @return a resolver converting the handshake's auth value; {@code null} when the client sent none
	 */
	ParameterResolver auth(String where, String name, String property, Class<?> type, JavaType javaType) {
		if (type.isPrimitive()) {
			problem(where + ": @Auth " + name + " cannot be a primitive; the client may not send it. Use "
					+ ClassUtils.resolvePrimitiveIfNecessary(type).getSimpleName()
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

}
