package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

/**
 * Delivers a broadcast to the recipients that are connected to one namespace on this node: the packet is encoded
 * once, its frames are shared by every recipient, and each event loop is handed them once for all its recipients.
 * The hot path of a broadcast.
 */
final class LocalDelivery {

	private final Namespace namespace;

	LocalDelivery(Namespace namespace) {
		this.namespace = namespace;
	}

	/** Sends a packet to those of the sockets that are connected here; the others are skipped. */
	void deliver(Packet packet, Collection<String> socketIds, BroadcastFlags flags) {
		List<EnginePacket> encoded = null;
		Map<Executor, List<SocketIOSocket>> byLoop = null;
		int recipients = 0;
		for (String id : socketIds) {
			SocketIOSocket socket = this.namespace.socket(id);
			if (socket == null) {
				continue;
			}
			if (encoded == null) {
				encoded = this.namespace.encode(packet, flags);
			}
			socket.connection.notifyOutgoing(packet);
			recipients++;
			if (byLoop == null) {
				byLoop = new IdentityHashMap<>(4);
			}
			byLoop.computeIfAbsent(socket.client.session.eventLoop(), (loop) -> new ArrayList<>()).add(socket);
		}
		if (byLoop != null) {
			writeByLoop(byLoop, encoded, flags, packet.data());
		}
		this.namespace.observer().packetsSent(this.namespace, recipients);
	}

	/** Hands the packets to each event loop once for all its recipients: one task per loop, not one per socket. */
	private void writeByLoop(Map<Executor, List<SocketIOSocket>> byLoop, List<EnginePacket> encoded,
			BroadcastFlags flags, @Nullable JsonNode data) {
		for (Map.Entry<Executor, List<SocketIOSocket>> group : byLoop.entrySet()) {
			List<SocketIOSocket> sockets = group.getValue();
			if (sockets.size() == 1 || sockets.get(0).client.session.inEventLoop()) {
				sockets.forEach((socket) -> socket.connection.deliver(encoded, flags, data));
			}
			else {
				group.getKey()
					.execute(() -> sockets.forEach((socket) -> socket.connection.deliver(encoded, flags, data)));
			}
		}
	}

	/**
	 * Sends a packet that asks for an acknowledgement to those of the sockets that are connected here.
	 * @param ack gets the first argument of each recipient's acknowledgement
	 * @return how many sockets it was sent to: the acknowledgements to wait for
	 */
	int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags, Consumer<JsonNode> ack) {
		List<EnginePacket> encoded = null;
		int count = 0;
		for (String id : socketIds) {
			SocketIOSocket socket = this.namespace.socket(id);
			if (socket != null) {
				if (encoded == null) {
					encoded = this.namespace.encode(packet, flags);
				}
				socket.connection.registerAck(packet.id(), (values) -> ack.accept(firstOf(values)), (ignored) -> {
				}, flags.timeout());
				socket.connection.notifyOutgoing(packet);
				socket.connection.write(encoded, flags);
				count++;
			}
		}
		this.namespace.observer().packetsSent(this.namespace, count);
		return count;
	}

	private static JsonNode firstOf(ArrayNode values) {
		return values.isEmpty() ? NullNode.getInstance() : values.get(0);
	}

}
