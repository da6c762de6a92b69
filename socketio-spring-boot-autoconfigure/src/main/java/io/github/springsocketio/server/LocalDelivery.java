package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
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
		send(packet, socketIds, flags, (socket, encoded) -> socket.connection.deliver(encoded, flags, packet.data()));
	}

	/**
	 * Sends a packet that asks for an acknowledgement to those of the sockets that are connected here. Each event
	 * loop registers the acknowledgements of its recipients and writes to them in one task, so that a recipient's
	 * deadline is set on its own loop and its answer always finds it registered.
	 * @param ack gets the first argument of each recipient's acknowledgement
	 * @return how many sockets it was sent to: the acknowledgements to wait for
	 */
	int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags, Consumer<JsonNode> ack) {
		return send(packet, socketIds, flags, (socket, encoded) -> {
			socket.connection.registerAck(packet.id(), (values) -> ack.accept(firstOf(values)), (ignored) -> {
			}, flags.timeout());
			socket.connection.write(encoded, flags);
		});
	}

	/**
	 * Encodes the packet once, if any recipient is connected here, and hands each event loop one task for all its
	 * recipients, not one per socket.
	 * @return how many sockets it was sent to
	 */
	private int send(Packet packet, Collection<String> socketIds, BroadcastFlags flags,
			BiConsumer<SocketIOSocket, List<EnginePacket>> write) {
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
				byLoop = new IdentityHashMap<>(4);
			}
			socket.connection.notifyOutgoing(packet);
			recipients++;
			byLoop.computeIfAbsent(socket.client.session.eventLoop(), (loop) -> new ArrayList<>()).add(socket);
		}
		if (byLoop != null) {
			List<EnginePacket> packets = encoded;
			for (Map.Entry<Executor, List<SocketIOSocket>> group : byLoop.entrySet()) {
				List<SocketIOSocket> sockets = group.getValue();
				if (sockets.size() == 1 || sockets.get(0).client.session.inEventLoop()) {
					sockets.forEach((socket) -> write.accept(socket, packets));
				}
				else {
					group.getKey().execute(() -> sockets.forEach((socket) -> write.accept(socket, packets)));
				}
			}
		}
		this.namespace.observer().packetsSent(this.namespace, recipients);
		return recipients;
	}

	private static JsonNode firstOf(ArrayNode values) {
		return values.isEmpty() ? NullNode.getInstance() : values.get(0);
	}

}
