package io.github.springsocketio.annotation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.server.Namespace;
import io.micrometer.common.KeyValue;
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

	private static final KeyValue SUCCESS = KeyValue.of("outcome", "success");

	private static final KeyValue ERROR = KeyValue.of("outcome", "error");

	private final ObservationRegistry registry;

	/** One site per namespace tag and event: both are bounded by the handlers declared. */
	private final Map<String, Map<String, HandlerObservationContext.Site>> sites = new ConcurrentHashMap<>();

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
		HandlerObservationContext.Site site = site(
				(namespace.parent() != null) ? namespace.parent().name() : namespace.name(), event);
		return Observation.createNotStarted(NAME, () -> new HandlerObservationContext(site), this.registry).start();
	}

	private HandlerObservationContext.Site site(String namespace, String event) {
		Map<String, HandlerObservationContext.Site> events = this.sites.get(namespace);
		if (events == null) {
			events = this.sites.computeIfAbsent(namespace, (key) -> new ConcurrentHashMap<>());
		}
		HandlerObservationContext.Site site = events.get(event);
		return (site != null) ? site
				: events.computeIfAbsent(event, (key) -> new HandlerObservationContext.Site(namespace, key));
	}

	static void stop(Observation observation, @Nullable Throwable error) {
		if (observation == Observation.NOOP) {
			return;
		}
		observation.lowCardinalityKeyValue((error != null) ? ERROR : SUCCESS);
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
