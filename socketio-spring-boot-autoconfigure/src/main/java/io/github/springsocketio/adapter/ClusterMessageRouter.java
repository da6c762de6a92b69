package io.github.springsocketio.adapter;

import java.util.function.Supplier;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.SocketDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes the messages other nodes send to one namespace: operations are applied to this node's sockets, requests are
 * answered, responses go to the request they answer. Nothing received is published again.
 */
final class ClusterMessageRouter {

	private static final Log logger = LogFactory.getLog(ClusterMessageRouter.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Publishes a response to the node that made a request. */
	@FunctionalInterface
	interface Responder {

		void respond(String requesterUid, ClusterMessageType type, ObjectNode data);

	}

	private final String uid;

	private final AdapterContext context;

	private final InMemoryAdapter local;

	private final ClusterRequests requests;

	private final Responder responder;

	private final Supplier<ClusterObserver> observer;

	/**
	 * @param uid the receiving adapter's id: its own messages are ignored
	 * @param context the namespace
	 * @param local the adapter of this node's sockets
	 * @param requests the requests waiting for responses
	 * @param responder publishes responses
	 * @param observer what observes the traffic, read per message since it may be installed later
	 */
	ClusterMessageRouter(String uid, AdapterContext context, InMemoryAdapter local, ClusterRequests requests,
			Responder responder, Supplier<ClusterObserver> observer) {
		this.uid = uid;
		this.context = context;
		this.local = local;
		this.requests = requests;
		this.responder = responder;
		this.observer = observer;
	}

	/**
	 * Handles a message from another node; messages this adapter sent itself, or for another namespace, are ignored.
	 * A message that cannot be handled is logged, never thrown.
	 * @param message the message
	 * @param offset its offset in a durable log (the stream entry id), or {@code null}
	 */
	void route(ClusterMessage message, @Nullable String offset) {
		if (this.uid.equals(message.uid()) || !this.context.namespace().equals(message.nsp())) {
			return;
		}
		try {
			this.observer.get().received(message.type());
			handle(message, offset);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not handle cluster message " + message.type() + " from " + message.uid(), ex);
		}
	}

	private void handle(ClusterMessage message, @Nullable String offset) {
		switch (message.type()) {
			case BROADCAST -> onBroadcast(message, offset);
			case SOCKETS_JOIN -> this.local.join(ClusterPayloads.options(message.get("opts")),
					ClusterPayloads.strings(message.get("rooms")));
			case SOCKETS_LEAVE -> this.local.leave(ClusterPayloads.options(message.get("opts")),
					ClusterPayloads.strings(message.get("rooms")));
			case DISCONNECT_SOCKETS -> {
				JsonNode close = message.get("close");
				this.local.disconnect(ClusterPayloads.options(message.get("opts")),
						close != null && close.asBoolean(false));
			}
			case FETCH_SOCKETS -> onFetchSockets(message);
			case SERVER_SIDE_EMIT -> onServerSideEmit(message);
			case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_CLIENT_COUNT, BROADCAST_ACK ->
				this.requests.onResponse(message);
			default -> {
				// heartbeats and adapter closes belong to the legacy heartbeat variant
			}
		}
	}

	private void onBroadcast(ClusterMessage message, @Nullable String offset) {
		Packet packet = ClusterPayloads.packet(message.get("packet"), this.context.namespace());
		if (packet == null) {
			return;
		}
		BroadcastOptions options = ClusterPayloads.options(message.get("opts"));
		String requestId = message.requestId();
		if (requestId == null) {
			this.local.deliver(packet, options, offset);
			return;
		}
		Packet withLocalId = packet.withId(this.context.nextAckId());
		String requester = message.uid();
		int count = this.local.deliverWithAck(withLocalId, options, (ack) -> {
			ObjectNode data = NODES.objectNode().put("requestId", requestId);
			data.set("packet", ack);
			this.responder.respond(requester, ClusterMessageType.BROADCAST_ACK, data);
		});
		this.responder.respond(requester, ClusterMessageType.BROADCAST_CLIENT_COUNT,
				NODES.objectNode().put("requestId", requestId).put("clientCount", count));
	}

	/** Always answers, even with no socket: the requester would otherwise wait for its timeout. */
	private void onFetchSockets(ClusterMessage message) {
		String requestId = message.requestId();
		if (requestId == null) {
			return;
		}
		ArrayNode sockets = NODES.arrayNode();
		for (SocketDetails socket : this.local.sockets(ClusterPayloads.options(message.get("opts")))) {
			sockets.add(ClusterPayloads.socket(socket, this.context.mapper()));
		}
		ObjectNode data = NODES.objectNode().put("requestId", requestId);
		data.set("sockets", sockets);
		this.responder.respond(message.uid(), ClusterMessageType.FETCH_SOCKETS_RESPONSE, data);
	}

	/** Answers only through a listener's callback, as Node.js does: without one the requester times out. */
	private void onServerSideEmit(ClusterMessage message) {
		JsonNode packet = message.get("packet");
		if (!(packet instanceof ArrayNode args)) {
			return;
		}
		String requestId = message.requestId();
		if (requestId == null) {
			this.context.serverSideEvent(args, null);
			return;
		}
		String requester = message.uid();
		this.context.serverSideEvent(args, (answer) -> {
			ObjectNode data = NODES.objectNode().put("requestId", requestId);
			data.set("packet", answer);
			this.responder.respond(requester, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, data);
		});
	}

}
