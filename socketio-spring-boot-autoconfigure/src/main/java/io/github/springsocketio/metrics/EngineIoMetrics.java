package io.github.springsocketio.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsocketio.engine.AddressLimit;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoError;
import io.github.springsocketio.engine.EngineIoObserver;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.MemoryBudget;
import io.github.springsocketio.engine.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code engineio.*} meters of one Engine.IO endpoint. Every meter is built when bound, and only then is the
 * endpoint observed: observing only increments.
 */
public final class EngineIoMetrics implements MeterBinder, EngineIoObserver {

	private final EngineIoServer engine;

	private final Map<Transport, AtomicLong> active = new EnumMap<>(Transport.class);

	private final Map<Transport, Counter> opened = new EnumMap<>(Transport.class);

	private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);

	private final Map<EngineIoError, Counter> refused = new EnumMap<>(EngineIoError.class);

	private final Map<AddressLimit, Counter> limited = new EnumMap<>(AddressLimit.class);

	private final Map<Transport, DistributionSummary> received = new EnumMap<>(Transport.class);

	private final Map<Transport, DistributionSummary> sent = new EnumMap<>(Transport.class);

	// set when bound, before this observer is installed
	private Counter upgradeSuccess;

	private Counter upgradeFailure;

	private Counter dropped;

	/**
	 * @param engine the endpoint to observe; it is observed once these meters are bound
	 */
	public EngineIoMetrics(EngineIoServer engine) {
		this.engine = engine;
		for (Transport transport : Transport.values()) {
			this.active.put(transport, new AtomicLong());
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Transport transport : Transport.values()) {
			Gauge.builder("engineio.sessions.active", this.active.get(transport), AtomicLong::get)
				.description("Open Engine.IO sessions, by current transport")
				.tag("transport", transport.id())
				.register(registry);
			this.opened.put(transport, Counter.builder("engineio.sessions.opened")
				.description("Engine.IO sessions opened, by first transport")
				.tag("transport", transport.id())
				.register(registry));
			this.received.put(transport, DistributionSummary.builder("engineio.bytes.received")
				.description("Packet payloads received")
				.baseUnit("bytes")
				.tag("transport", transport.id())
				.register(registry));
			this.sent.put(transport, DistributionSummary.builder("engineio.bytes.sent")
				.description("Packets sent, per write")
				.baseUnit("bytes")
				.tag("transport", transport.id())
				.register(registry));
		}
		for (CloseReason reason : CloseReason.values()) {
			this.closed.put(reason, Counter.builder("engineio.sessions.closed")
				.description("Engine.IO sessions closed, by reason")
				.tag("reason", reason.description())
				.register(registry));
		}
		for (EngineIoError error : EngineIoError.values()) {
			this.refused.put(error, Counter.builder("engineio.handshake.errors")
				.description("Requests refused with an Engine.IO error; code 1 (Session ID unknown) rising with "
						+ "several nodes means missing sticky sessions")
				.tag("code", Integer.toString(error.code()))
				.tag("message", error.message())
				.register(registry));
		}
		for (AddressLimit limit : AddressLimit.values()) {
			this.limited.put(limit, Counter.builder("engineio.limits.exceeded")
				.description("Handshakes refused by a limit on their client address, by limit")
				.tag("limit", limit.tag())
				.register(registry));
		}
		this.upgradeSuccess = upgrades(registry, "success");
		this.upgradeFailure = upgrades(registry, "failure");
		this.dropped = Counter.builder("engineio.packets.dropped")
			.description("Volatile packets dropped because the client's transport could not take them")
			.tag("reason", "volatile")
			.register(registry);
		bindMemoryBudget(registry, this.engine.memoryBudget());
		this.engine.observe(this);
	}

	private static void bindMemoryBudget(MeterRegistry registry, MemoryBudget budget) {
		Gauge.builder("engineio.memory.budget.used", budget, MemoryBudget::used)
			.description("Bytes the sessions hold in buffers, counted against the memory budget")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("engineio.memory.budget.limit", budget, MemoryBudget::limit)
			.description("The memory budget: past it the server refuses new sessions and closes the largest holders")
			.baseUnit("bytes")
			.register(registry);
		FunctionCounter.builder("engineio.memory.shed", budget, MemoryBudget::shedSessions)
			.description("Sessions closed because the server went past its memory budget")
			.register(registry);
	}

	private static Counter upgrades(MeterRegistry registry, String outcome) {
		return Counter.builder("engineio.upgrades")
			.description("Upgrades from HTTP long-polling to WebSocket")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void sessionOpened(Transport transport) {
		this.active.get(transport).incrementAndGet();
		this.opened.get(transport).increment();
	}

	@Override
	public void upgradeEnded(boolean success) {
		if (success) {
			this.active.get(Transport.POLLING).decrementAndGet();
			this.active.get(Transport.WEBSOCKET).incrementAndGet();
			this.upgradeSuccess.increment();
		}
		else {
			this.upgradeFailure.increment();
		}
	}

	@Override
	public void sessionClosed(Transport transport, CloseReason reason) {
		this.active.get(transport).decrementAndGet();
		this.closed.get(reason).increment();
	}

	@Override
	public void handshakeLimited(AddressLimit limit) {
		this.limited.get(limit).increment();
	}

	@Override
	public void requestRefused(EngineIoError error) {
		this.refused.get(error).increment();
	}

	@Override
	public void bytesReceived(Transport transport, long bytes) {
		this.received.get(transport).record(bytes);
	}

	@Override
	public void bytesSent(Transport transport, long bytes) {
		this.sent.get(transport).record(bytes);
	}

	@Override
	public void packetsDropped(int packets) {
		this.dropped.increment(packets);
	}

}
