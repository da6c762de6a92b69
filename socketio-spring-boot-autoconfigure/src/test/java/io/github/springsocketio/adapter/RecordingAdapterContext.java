package io.github.springsocketio.adapter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.SocketDetails;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A namespace for adapter tests: it records what the adapter asks of its sockets instead of doing it.
 */
class RecordingAdapterContext implements AdapterContext {

	/** What the adapter delivered. */
	record Delivery(Packet packet, Set<String> socketIds, BroadcastFlags flags) {
	}

	final List<Delivery> deliveries = new ArrayList<>();

	/** Each socket's acknowledgement callback of the last broadcast with acknowledgements. */
	final Map<String, Consumer<JsonNode>> acks = new LinkedHashMap<>();

	final List<String> calls = new ArrayList<>();

	final List<ArrayNode> serverSideEvents = new ArrayList<>();

	@Nullable Consumer<JsonNode> serverSideAck;

	private final String namespace;

	private final @Nullable ConnectionStateRecoveryOptions recovery;

	private final AtomicLong ackIds = new AtomicLong();

	RecordingAdapterContext(String namespace, @Nullable ConnectionStateRecoveryOptions recovery) {
		this.namespace = namespace;
		this.recovery = recovery;
	}

	@Override
	public String namespace() {
		return this.namespace;
	}

	@Override
	public JsonMapper mapper() {
		return JsonMapper.builder().build();
	}

	@Override
	public @Nullable ConnectionStateRecoveryOptions recovery() {
		return this.recovery;
	}

	@Override
	public long nextAckId() {
		return this.ackIds.getAndIncrement();
	}

	@Override
	public void deliver(Packet packet, Collection<String> socketIds, BroadcastFlags flags) {
		this.deliveries.add(new Delivery(packet, Set.copyOf(socketIds), flags));
	}

	@Override
	public int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags, Consumer<JsonNode> ack) {
		this.deliveries.add(new Delivery(packet, Set.copyOf(socketIds), flags));
		socketIds.forEach((id) -> this.acks.put(id, ack));
		return socketIds.size();
	}

	@Override
	public @Nullable SocketDetails socket(String socketId) {
		Handshake handshake = new Handshake(Map.of(), "", "", false, false, 0, "", Map.of(),
				JsonNodeFactory.instance.objectNode());
		return new SocketDetails(socketId, handshake, Set.of(socketId), Map.of());
	}

	@Override
	public void join(String socketId, Set<String> rooms) {
		this.calls.add("join " + socketId + " " + rooms);
	}

	@Override
	public void leave(String socketId, Set<String> rooms) {
		this.calls.add("leave " + socketId + " " + rooms);
	}

	@Override
	public void disconnect(String socketId, boolean close) {
		this.calls.add("disconnect " + socketId + " " + close);
	}

	@Override
	public void serverSideEvent(ArrayNode packet, @Nullable Consumer<JsonNode> ack) {
		this.serverSideEvents.add(packet);
		this.serverSideAck = ack;
	}

}
