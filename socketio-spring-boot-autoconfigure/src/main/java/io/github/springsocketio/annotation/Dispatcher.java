package io.github.springsocketio.annotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.SocketIOSocket;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Calls bound handlers and turns what they return, or throw, into acknowledgements.
 */
final class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final Executor executor;

	private final int queueCapacity;

	private final List<ExceptionHandlers> advice;

	private final Arguments noArguments;

	private final HandlerObservations observations;

	private final HandlerContexts contexts;

	/**
	 * @param mapper the server's JSON mapper
	 * @param executor runs the handlers that do not return a {@code Mono} or {@code CompletionStage}
	 * @param queueCapacity how many events of one socket may wait
	 * @param advice the exception handlers of the advice beans, in order
	 * @param observations observes each handler call
	 * @param contexts set up around each handler call
	 */
	Dispatcher(JsonMapper mapper, Executor executor, int queueCapacity, List<ExceptionHandlers> advice,
			HandlerObservations observations, HandlerContexts contexts) {
		this.observations = observations;
		this.contexts = contexts;
		this.noArguments = new Arguments(JsonNodeFactory.instance.arrayNode(0), mapper);
		this.executor = executor;
		this.queueCapacity = queueCapacity;
		this.advice = List.copyOf(advice);
	}

	/** @return the arguments of connect and disconnect handlers: none */
	Arguments noArguments() {
		return this.noArguments;
	}

	SerialQueue queue(SocketIOSocket socket) {
		return new SerialQueue(this.executor, socket::execute, this.queueCapacity);
	}

	/** Calls a handler on the current thread and acknowledges with its result. */
	void call(Handler handler, Invocation invocation) {
		try (SocketIOHandlerContext.Scope scope = this.contexts.open(invocation.socket())) {
			callInContext(handler, invocation);
		}
	}

	/** Calls a handler where its context is set up; a returned {@code Mono} is subscribed to with the context. */
	private void callInContext(Handler handler, Invocation invocation) {
		Observation observation = this.observations.start(handler, invocation);
		Object result;
		try {
			result = handler.method().invoke(invocation);
		}
		catch (Throwable ex) {
			HandlerObservations.stop(observation, ExceptionHandlers.unwrap(ex));
			fail(handler, invocation, ex);
			return;
		}
		if (result instanceof Mono<?> mono) {
			result = this.contexts.propagate(mono, invocation.socket());
		}
		boolean acknowledgesItself = handler.method().acknowledgesItself();
		answer(result, handler.method().returnKind() == ReturnKind.VOID, invocation, () -> {
			HandlerObservations.stop(observation, null);
			if (!acknowledgesItself) {
				acknowledgeEmpty(invocation);
			}
		}, (ex) -> {
			HandlerObservations.stop(observation, ExceptionHandlers.unwrap(ex));
			fail(handler, invocation, ex);
		}, () -> HandlerObservations.stop(observation, null));
	}

	/** The socket has too many events waiting: refuse this one. */
	void busy(Invocation invocation) {
		logger.debug("Socket " + invocation.socket().id() + " has too many events waiting; refusing '"
				+ invocation.event() + "'");
		sendError(invocation, EventError.of(EventError.BUSY, "Too many events waiting; retry later"));
	}

	/**
	 * Acknowledges with a handler's result, once it is there.
	 * @param isVoid whether the method returns nothing
	 * @param onEmpty what to do for no value ({@code void}, an empty {@code Mono}, a {@code null} future result)
	 * @param onError what to do when the promised value fails
	 * @param onValue what to do once a value was acknowledged
	 */
	private void answer(@Nullable Object result, boolean isVoid, Invocation invocation, Runnable onEmpty,
			Consumer<Throwable> onError, Runnable onValue) {
		if (result instanceof Mono<?> mono) {
			AtomicBoolean valued = new AtomicBoolean();
			mono.subscribe((value) -> {
				valued.set(true);
				acknowledge(invocation, value);
				onValue.run();
			}, onError, () -> {
				if (!valued.get()) {
					onEmpty.run();
				}
			});
			return;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex != null) {
					onError.accept(ex);
				}
				else if (value == null) {
					onEmpty.run();
				}
				else {
					acknowledge(invocation, value);
					onValue.run();
				}
			});
			return;
		}
		if (isVoid) {
			onEmpty.run();
		}
		else {
			acknowledge(invocation, result);
			onValue.run();
		}
	}

	private void acknowledgeEmpty(Invocation invocation) {
		if (invocation.ack().requested()) {
			invocation.ack().send();
		}
	}

	private void acknowledge(Invocation invocation, @Nullable Object value) {
		if (!invocation.ack().requested()) {
			return;
		}
		if (value instanceof EventError error) {
			sendError(invocation, error);
		}
		else if (value instanceof Arguments args) {
			invocation.ack().send(args.toArray());
		}
		else {
			invocation.ack().send(value);
		}
	}

	/** A handler failed: try its bean's exception handlers, then the advice beans', else answer the default error. */
	void fail(Handler handler, Invocation invocation, Throwable failure) {
		Throwable exception = ExceptionHandlers.unwrap(failure);
		BoundMethod exceptionHandler = handler.exceptionHandlers().find(exception);
		for (int i = 0; exceptionHandler == null && i < this.advice.size(); i++) {
			exceptionHandler = this.advice.get(i).find(exception);
		}
		if (exceptionHandler == null) {
			log(handler, invocation, exception);
			sendError(invocation, defaultError(exception));
			return;
		}
		Invocation failed = invocation.withException(exception);
		Object result;
		try {
			result = exceptionHandler.invoke(failed);
		}
		catch (Throwable ex) {
			logger.error("Exception handler " + exceptionHandler + " failed on " + exception, ex);
			sendError(invocation, defaultError(exception));
			return;
		}
		BoundMethod chosen = exceptionHandler;
		if (chosen.returnKind() == ReturnKind.VOID) {
			sendError(invocation, defaultError(exception));
			return;
		}
		answer(result, false, invocation, () -> sendError(invocation, defaultError(exception)), (ex) -> {
			logger.error("Exception handler " + chosen + " failed on " + exception, ExceptionHandlers.unwrap(ex));
			sendError(invocation, defaultError(exception));
		}, () -> {
		});
	}

	private static void log(Handler handler, Invocation invocation, Throwable exception) {
		String what = "Handler " + handler.method() + " failed on socket " + invocation.socket().id()
				+ (invocation.event().isEmpty() ? "" : " for event '" + invocation.event() + "'");
		if (ExceptionHandlers.find(exception, EventErrorException.class) != null
				|| BeanValidationSupport.error(exception) != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(what + ": " + exception);
			}
		}
		else {
			logger.error(what, exception);
		}
	}

	/** @return the error acknowledgement of a failure no exception handler handled */
	static EventError defaultError(Throwable exception) {
		Throwable explicit = ExceptionHandlers.find(exception, EventErrorException.class);
		if (explicit != null) {
			return ((EventErrorException) explicit).getError();
		}
		EventError violation = BeanValidationSupport.error(exception);
		if (violation != null) {
			return violation;
		}
		return EventError.of(EventError.INTERNAL_ERROR, "Internal error");
	}

	private static void sendError(Invocation invocation, EventError error) {
		if (!invocation.ack().requested()) {
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", error.code());
		body.put("message", error.message());
		if (error.details() != null) {
			body.put("details", error.details());
		}
		invocation.ack().send(Map.of("error", body));
	}

}
