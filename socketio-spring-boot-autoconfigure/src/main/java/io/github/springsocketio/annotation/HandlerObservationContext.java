package io.github.springsocketio.annotation;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;

/**
 * The context of one {@code socketio.handler} observation. Its {@link #site()} is the same object for every call of
 * one event in one namespace, so that a meter handler can keep that site's meters instead of looking them up by
 * their tags on every call.
 */
public final class HandlerObservationContext extends Observation.Context {

	private final Site site;

	/** @param site where the handler is called */
	public HandlerObservationContext(Site site) {
		this.site = site;
		setContextualName(site.contextualName());
		addLowCardinalityKeyValue(KeyValue.of("namespace", site.namespace()));
		addLowCardinalityKeyValue(KeyValue.of("event", site.event()));
	}

	/** @return where the handler was called: its namespace tag and event */
	public Site site() {
		return this.site;
	}

	/**
	 * A namespace (a dynamic parent's pattern for its children) and an event (a declared name; {@code connect},
	 * {@code disconnect}, or {@code UNKNOWN} for catch-alls).
	 *
	 * @param namespace the {@code namespace} key value
	 * @param event the {@code event} key value
	 */
	public record Site(String namespace, String event) {

		String contextualName() {
			return "socketio " + this.event;
		}

	}

}
