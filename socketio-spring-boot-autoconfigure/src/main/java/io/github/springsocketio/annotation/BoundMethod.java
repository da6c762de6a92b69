package io.github.springsocketio.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A handler method bound at start-up: its bean, one resolver per parameter and a method handle that takes the
 * resolved arguments as an array. Calling it does no reflection.
 */
final class BoundMethod {

	private final Object bean;

	private final Method method;

	private final MethodKind kind;

	private final MethodHandle invoker;

	private final ParameterResolver[] resolvers;

	private final ReturnKind returnKind;

	private final boolean ackParameter;

	private final List<Class<? extends Throwable>> exceptionTypes;

	BoundMethod(Object bean, Method method, MethodKind kind, MethodHandle invoker, ParameterResolver[] resolvers,
			ReturnKind returnKind, boolean ackParameter, List<Class<? extends Throwable>> exceptionTypes) {
		this.bean = bean;
		this.method = method;
		this.kind = kind;
		this.invoker = invoker;
		this.resolvers = resolvers;
		this.returnKind = returnKind;
		this.ackParameter = ackParameter;
		this.exceptionTypes = exceptionTypes;
	}

	Object bean() {
		return this.bean;
	}

	Method method() {
		return this.method;
	}

	MethodKind kind() {
		return this.kind;
	}

	ReturnKind returnKind() {
		return this.returnKind;
	}

	/** @return whether the method acknowledges by itself, through an {@code Ack} parameter */
	boolean acknowledgesItself() {
		return this.ackParameter;
	}

	/** @return for an exception handler, the exceptions it handles */
	List<Class<? extends Throwable>> exceptionTypes() {
		return this.exceptionTypes;
	}

	/**
	 * Resolves the parameters and calls the method.
	 * @return what the method returned, {@code null} for {@code void}
	 * @throws Throwable what the method or a parameter resolver threw
	 */
	@Nullable Object invoke(Invocation invocation) throws Throwable {
		Object[] args = new Object[this.resolvers.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.resolvers[i].resolve(invocation);
		}
		return (Object) this.invoker.invokeExact(args);
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

	/** @return {@code SimpleClassName.method(ParamType, ...)}, as messages name methods */
	static String describe(Method method) {
		StringBuilder text = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
