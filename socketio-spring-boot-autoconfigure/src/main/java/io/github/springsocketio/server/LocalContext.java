package io.github.springsocketio.server;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** What a namespace's adapter may do with the namespace's sockets on this node. */
final class LocalContext implements AdapterContext {

	private final Namespace namespace;

	private final LocalDelivery delivery;

	private final ServerSideEvents serverSideEvents;

	LocalContext(Namespace namespace, LocalDelivery delivery, ServerSideEvents serverSideEvents) {
		this.namespace = namespace;
		this.delivery = delivery;
		this.serverSideEvents = serverSideEvents;
	}

	@Override
	public String namespace() {
		return this.namespace.name();
	}

	@Override
	public JsonMapper mapper() {
		return this.namespace.mapper();
	}

	@Override
	public @Nullable ConnectionStateRecoveryOptions recovery() {
		return this.namespace.recovery();
	}

	@Override
	public long nextAckId() {
		return this.namespace.nextAckId();
	}

	@Override
	public void deliver(Packet packet, Collection<String> socketIds, BroadcastFlags flags) {
		this.delivery.deliver(packet, socketIds, flags);
	}

	@Override
	public int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags,
			Consumer<JsonNode> ack) {
		return this.delivery.deliverWithAck(packet, socketIds, flags, ack);
	}

	@Override
	public @Nullable SocketDetails socket(String socketId) {
		SocketIOSocket socket = this.namespace.socket(socketId);
		if (socket == null) {
			return null;
		}
		// the name travels as a plain string: the adapter knows nothing of principals
		String user = socket.principal().map(Principal::getName).orElse(null);
		return new SocketDetails(socket.id(), socket.handshake(), socket.rooms(), socket.data(), user);
	}

	@Override
	public @Nullable PersistedSession session(String socketId) {
		SocketIOSocket socket = this.namespace.socket(socketId);
		String pid = (socket != null) ? socket.pid() : null;
		return (pid != null) ? new PersistedSession(socket.id(), pid, socket.rooms(), socket.data()) : null;
	}

	@Override
	public void join(String socketId, Set<String> rooms) {
		SocketIOSocket socket = this.namespace.socket(socketId);
		if (socket != null) {
			socket.join(rooms);
		}
	}

	@Override
	public void leave(String socketId, Set<String> rooms) {
		SocketIOSocket socket = this.namespace.socket(socketId);
		if (socket != null) {
			rooms.forEach(socket::leave);
		}
	}

	@Override
	public void disconnect(String socketId, boolean close) {
		SocketIOSocket socket = this.namespace.socket(socketId);
		if (socket != null) {
			socket.disconnect(close);
		}
	}

	@Override
	public void serverSideEvent(ArrayNode packet, @Nullable Consumer<JsonNode> ack) {
		this.serverSideEvents.received(packet, ack);
	}

}
