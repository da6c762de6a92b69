package io.github.springsocketio.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.annotation.HandlerObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code socketio.handler} observations into the meters Micrometer's default handler would make (a timer
 * tagged with the observation's low-cardinality key values and {@code error}, and a {@code socketio.handler.active}
 * long-task timer), but keeps them per handler site: the default handler looks every meter up by its tags twice per
 * call, which costs more than a short handler itself. Ordered before the default handler, which takes every other
 * observation.
 */
public final class HandlerMeterObservationHandler implements MeterObservationHandler<HandlerObservationContext> {

	private final MeterRegistry registry;

	private final boolean longTaskTimer;

	private final Map<HandlerObservationContext.Site, SiteMeters> sites = new ConcurrentHashMap<>();

	/** The site seen last: a plain field, as a thread that sees an older one only takes the map. */
	private @Nullable SiteMeters last;

	/**
	 * @param registry where the meters are registered
	 */
	public HandlerMeterObservationHandler(MeterRegistry registry) {
		this(registry, true);
	}

	/**
	 * @param registry where the meters are registered
	 * @param longTaskTimer whether to keep the {@code socketio.handler.active} long-task timer, as Micrometer's
	 * default handler does unless told to ignore it
	 */
	public HandlerMeterObservationHandler(MeterRegistry registry, boolean longTaskTimer) {
		this.registry = registry;
		this.longTaskTimer = longTaskTimer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof HandlerObservationContext;
	}

	@Override
	public void onStart(HandlerObservationContext context) {
		SiteMeters meters = meters(context);
		LongTaskTimer.Sample active = (meters.active != null) ? meters.active.start() : null;
		context.put(Started.class, new Started(active, this.registry.config().clock().monotonicTime(), meters));
	}

	@Override
	public void onStop(HandlerObservationContext context) {
		Started started = context.get(Started.class);
		if (started == null) {
			return;
		}
		long nanos = this.registry.config().clock().monotonicTime() - started.nanos();
		started.meters().timer(context).record(nanos, TimeUnit.NANOSECONDS);
		if (started.active() != null) {
			started.active().stop();
		}
	}

	private SiteMeters meters(HandlerObservationContext context) {
		HandlerObservationContext.Site site = context.site();
		SiteMeters meters = this.last;
		if (meters != null && meters.site == site) { // sites are shared, one per namespace and event
			return meters;
		}
		meters = this.sites.get(site);
		if (meters == null) {
			meters = this.sites.computeIfAbsent(site, (key) -> new SiteMeters(context));
		}
		this.last = meters;
		return meters;
	}

	private record Started(LongTaskTimer.@Nullable Sample active, long nanos, SiteMeters meters) {
	}

	/** The meters of one site: its long-task timer, and a timer per outcome and error type, built on first use. */
	private final class SiteMeters {

		private final HandlerObservationContext.Site site;

		private final @Nullable LongTaskTimer active;

		/** The timer of the common case, success without error; {@code null} until first used. */
		private volatile @Nullable Timer success;

		private final Map<String, Timer> timers = new ConcurrentHashMap<>();

		SiteMeters(HandlerObservationContext context) {
			this.site = context.site();
			this.active = HandlerMeterObservationHandler.this.longTaskTimer
					? LongTaskTimer.builder(context.getName() + ".active")
						.tags(tags(context))
						.register(HandlerMeterObservationHandler.this.registry)
					: null;
		}

		/** Built from the key values at the end of the call, which include the outcome and any common ones. */
		Timer timer(HandlerObservationContext context) {
			Throwable error = context.getError();
			KeyValue outcome = context.getLowCardinalityKeyValue("outcome");
			boolean success = error == null && outcome != null && "success".equals(outcome.getValue());
			Timer timer = success ? this.success : null;
			if (timer != null) {
				return timer;
			}
			String errorTag = (error != null) ? error.getClass().getSimpleName() : "none";
			String key = ((outcome != null) ? outcome.getValue() : "") + "/" + errorTag;
			timer = this.timers.computeIfAbsent(key, (ignored) -> Timer.builder(context.getName())
				.tags(tags(context).and("error", errorTag))
				.register(HandlerMeterObservationHandler.this.registry));
			if (success) {
				this.success = timer;
			}
			return timer;
		}

		private static Tags tags(Observation.Context context) {
			Tags tags = Tags.empty();
			for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
				tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
			}
			return tags;
		}

	}

}
