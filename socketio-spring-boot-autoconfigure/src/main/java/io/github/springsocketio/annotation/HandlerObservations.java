package io.github.springsocketio.annotation;

import io.github.springsocketio.server.Namespace;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each annotated handler call as {@code socketio.handler}, as WebFlux observes requests: with Actuator it
 * becomes a timer (and a long-task timer) of that name, and a tracing span when tracing is set up. Low-cardinality
 * keys only: the namespace (a dynamic parent's pattern for its children), the event (a declared name; connect and
 * disconnect handlers report {@code connect} and {@code disconnect}, catch-alls {@code UNKNOWN}), the outcome.
 * Switch it off with {@code management.observations.enable.socketio=false}.
 */
final class HandlerObservations {

	static final String NAME = "socketio.handler";

	private final ObservationRegistry registry;

	HandlerObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	Observation start(Handler handler, Invocation invocation) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		Namespace namespace = invocation.socket().namespace();
		String event = switch (handler.method().kind()) {
			case CONNECT -> "connect";
			case DISCONNECT -> "disconnect";
			case UNHANDLED -> "UNKNOWN";
			default -> invocation.event();
		};
		return Observation.createNotStarted(NAME, this.registry)
			.contextualName("socketio " + event)
			.lowCardinalityKeyValue("namespace",
					(namespace.parent() != null) ? namespace.parent().name() : namespace.name())
			.lowCardinalityKeyValue("event", event)
			.start();
	}

	static void stop(Observation observation, @Nullable Throwable error) {
		if (observation == Observation.NOOP) {
			return;
		}
		observation.lowCardinalityKeyValue("outcome", (error != null) ? "error" : "success");
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
