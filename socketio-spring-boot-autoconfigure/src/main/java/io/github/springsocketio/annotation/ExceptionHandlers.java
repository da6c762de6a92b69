package io.github.springsocketio.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;

import org.springframework.core.ExceptionDepthComparator;

/**
 * The {@code @SocketIOExceptionHandler} methods of one bean, and how to pick one for an exception: the closest
 * declared type wins, for the exception itself first, then for each of its causes.
 */
final class ExceptionHandlers {

	static final ExceptionHandlers NONE = new ExceptionHandlers(List.of());

	private final List<BoundMethod> methods;

	ExceptionHandlers(List<BoundMethod> methods) {
		this.methods = List.copyOf(methods);
	}

	boolean isEmpty() {
		return this.methods.isEmpty();
	}

	/**
	 * @param exception the failure, unwrapped
	 * @return the handler for it or for one of its causes, or {@code null}
	 */
	@Nullable BoundMethod find(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			BoundMethod match = closest(current);
			if (match != null) {
				return match;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private @Nullable BoundMethod closest(Throwable exception) {
		List<Class<? extends Throwable>> candidates = new ArrayList<>();
		for (BoundMethod method : this.methods) {
			for (Class<? extends Throwable> type : method.exceptionTypes()) {
				if (type.isInstance(exception)) {
					candidates.add(type);
				}
			}
		}
		if (candidates.isEmpty()) {
			return null;
		}
		candidates.sort(new ExceptionDepthComparator(exception));
		Class<? extends Throwable> best = candidates.get(0);
		for (BoundMethod method : this.methods) {
			if (method.exceptionTypes().contains(best)) {
				return method;
			}
		}
		return null;
	}

	/** @return the exception a handler parameter of a type receives: the failure itself or its first such cause */
	static @Nullable Throwable find(@Nullable Throwable exception, Class<? extends Throwable> type) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return current;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	/** @return the failure without the wrappers of reflection, futures and Reactor */
	static Throwable unwrap(Throwable exception) {
		Throwable current = Exceptions.unwrap(exception);
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof InvocationTargetException || current instanceof UndeclaredThrowableException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
