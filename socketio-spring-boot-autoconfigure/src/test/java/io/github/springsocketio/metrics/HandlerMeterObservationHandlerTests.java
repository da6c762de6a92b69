package io.github.springsocketio.metrics;

import io.github.springsocketio.annotation.HandlerObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socketio.handler} observations become the meters Micrometer's default handler would make, kept per handler
 * site; every other observation is left to the default handler behind it.
 */
class HandlerMeterObservationHandlerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final HandlerObservationContext.Site site = new HandlerObservationContext.Site("/", "echo");

	HandlerMeterObservationHandlerTests() {
		this.observations.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new HandlerMeterObservationHandler(this.meters), new DefaultMeterObservationHandler(this.meters)));
	}

	private Observation call(String outcome, Throwable error) {
		Observation observation = Observation
			.createNotStarted("socketio.handler", () -> new HandlerObservationContext(this.site), this.observations)
			.start();
		observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome));
		if (error != null) {
			observation.error(error);
		}
		return observation;
	}

	@Test
	void aCallIsTimedWithTheTagsOfTheDefaultHandlerAndIsActiveWhileItRuns() {
		Observation observation = call("success", null);
		LongTaskTimer active = this.meters.get("socketio.handler.active").tags("namespace", "/", "event", "echo")
			.longTaskTimer();
		assertThat(active.activeTasks()).isOne();

		observation.stop();

		assertThat(active.activeTasks()).isZero();
		assertThat(this.meters.get("socketio.handler")
			.tags("namespace", "/", "event", "echo", "outcome", "success", "error", "none")
			.timer()
			.count()).isOne();
	}

	@Test
	void callsOfOneSiteShareTheirTimersAndErrorsGetTheirOwn() {
		call("success", null).stop();
		call("success", null).stop();
		call("error", new IllegalStateException("boom")).stop();
		call("error", new IllegalArgumentException("bad")).stop();
		call("error", new IllegalStateException("again")).stop();

		assertThat(this.meters.get("socketio.handler").tag("outcome", "success").timer().count()).isEqualTo(2);
		assertThat(this.meters.get("socketio.handler").tag("error", "IllegalStateException").timer().count())
			.isEqualTo(2);
		assertThat(this.meters.get("socketio.handler").tag("error", "IllegalArgumentException").timer().count())
			.isOne();
		assertThat(this.meters.find("socketio.handler").timers()).hasSize(3);
	}

	@Test
	void theLongTaskTimerCanBeLeftOutAsWithTheDefaultHandler() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new HandlerMeterObservationHandler(this.meters, false));

		Observation.createNotStarted("socketio.handler", () -> new HandlerObservationContext(this.site), observations)
			.start()
			.lowCardinalityKeyValue(KeyValue.of("outcome", "success"))
			.stop();

		assertThat(this.meters.find("socketio.handler.active").longTaskTimer()).isNull();
		assertThat(this.meters.get("socketio.handler").tag("outcome", "success").timer().count()).isOne();
	}

	@Test
	void otherObservationsAreLeftToTheDefaultHandler() {
		Observation.createNotStarted("http.server.requests", this.observations)
			.lowCardinalityKeyValue("uri", "/")
			.start()
			.stop();

		Timer timer = this.meters.get("http.server.requests").tags("uri", "/", "error", "none").timer();
		assertThat(timer.count()).isOne();
		assertThat(new HandlerMeterObservationHandler(this.meters).supportsContext(new Observation.Context()))
			.isFalse();
	}

}
