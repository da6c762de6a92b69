package io.github.springsocketio.adapter.redis;

import java.util.Set;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.SocketDetails;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the requests other nodes publish on a namespace's request channel, with the request types and response
 * forms of {@code @socket.io/redis-adapter} 8 (legacy forms included): it applies them to this node's sockets and
 * publishes the responses. Requests this adapter sent itself are skipped: it applied them when it sent them.
 */
final class RedisAdapterRequestHandler {

	static final int SOCKETS = 0;

	static final int ALL_ROOMS = 1;

	static final int REMOTE_JOIN = 2;

	static final int REMOTE_LEAVE = 3;

	static final int REMOTE_DISCONNECT = 4;

	static final int REMOTE_FETCH = 5;

	static final int SERVER_SIDE_EMIT = 6;

	static final int BROADCAST = 7;

	static final int BROADCAST_CLIENT_COUNT = 8;

	static final int BROADCAST_ACK = 9;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String uid;

	private final AdapterContext context;

	private final InMemoryAdapter local;

	private final RedisAdapterCodec codec;

	private final Responder responder;

	RedisAdapterRequestHandler(String uid, AdapterContext context, InMemoryAdapter local, RedisAdapterCodec codec,
			Responder responder) {
		this.uid = uid;
		this.context = context;
		this.local = local;
		this.codec = codec;
		this.responder = responder;
	}

	/**
	 * Handles one request.
	 * @param request the decoded request
	 * @return the type it was observed as, or {@code null} when it was skipped
	 */
	@Nullable ClusterMessageType handle(ObjectNode request) {
		String sender = text(request.get("uid"));
		if (this.uid.equals(sender)) {
			return null;
		}
		JsonNode type = request.get("type");
		if (type == null || !type.isIntegralNumber()) {
			return null;
		}
		String requestId = text(request.get("requestId"));
		switch (type.intValue()) {
			case SOCKETS -> {
				if (requestId == null) {
					return null;
				}
				BroadcastOptions options = new BroadcastOptions(ClusterPayloads.strings(request.get("rooms")), Set.of(),
						BroadcastFlags.NONE);
				ArrayNode ids = NODES.arrayNode();
				this.local.sockets(options).forEach((socket) -> ids.add(socket.id()));
				ObjectNode response = NODES.objectNode().put("requestId", requestId);
				response.set("sockets", ids);
				this.responder.respond(sender, this.codec.json(response), false);
				return ClusterMessageType.FETCH_SOCKETS;
			}
			case ALL_ROOMS -> {
				if (requestId == null) {
					return null;
				}
				ObjectNode response = NODES.objectNode().put("requestId", requestId);
				response.set("rooms", ClusterPayloads.strings(this.local.rooms()));
				this.responder.respond(sender, this.codec.json(response), false);
				return ClusterMessageType.FETCH_SOCKETS;
			}
			case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> {
				return onRoomOperation(type.intValue(), request, sender, requestId);
			}
			case REMOTE_FETCH -> {
				if (requestId == null) {
					return null;
				}
				ArrayNode sockets = NODES.arrayNode();
				for (SocketDetails socket : this.local.sockets(ClusterPayloads.options(request.get("opts")))) {
					sockets.add(ClusterPayloads.socket(socket, this.context.mapper()));
				}
				ObjectNode response = NODES.objectNode().put("requestId", requestId);
				response.set("sockets", sockets);
				this.responder.respond(sender, this.codec.json(response), false);
				return ClusterMessageType.FETCH_SOCKETS;
			}
			case SERVER_SIDE_EMIT -> {
				return onServerSideEmit(request, requestId);
			}
			case BROADCAST -> {
				return onBroadcastWithAck(request, sender, requestId);
			}
			default -> {
				return null;
			}
		}
	}

	private @Nullable ClusterMessageType onRoomOperation(int type, ObjectNode request, @Nullable String sender,
			@Nullable String requestId) {
		JsonNode opts = request.get("opts");
		if (opts != null && opts.isObject()) {
			BroadcastOptions options = ClusterPayloads.options(opts);
			Set<String> rooms = ClusterPayloads.strings(request.get("rooms"));
			switch (type) {
				case REMOTE_JOIN -> this.local.join(options, rooms);
				case REMOTE_LEAVE -> this.local.leave(options, rooms);
				default -> this.local.disconnect(options, request.path("close").asBoolean(false));
			}
			return observed(type);
		}
		// the legacy form names one socket and expects an answer when the socket is here
		String sid = text(request.get("sid"));
		if (sid == null || this.context.socket(sid) == null) {
			return null;
		}
		String room = text(request.get("room"));
		switch (type) {
			case REMOTE_JOIN -> {
				if (room != null) {
					this.context.join(sid, Set.of(room));
				}
			}
			case REMOTE_LEAVE -> {
				if (room != null) {
					this.context.leave(sid, Set.of(room));
				}
			}
			default -> this.context.disconnect(sid, request.path("close").asBoolean(false));
		}
		if (requestId != null) {
			this.responder.respond(sender, this.codec.json(NODES.objectNode().put("requestId", requestId)), false);
		}
		return observed(type);
	}

	private static ClusterMessageType observed(int type) {
		return switch (type) {
			case REMOTE_JOIN -> ClusterMessageType.SOCKETS_JOIN;
			case REMOTE_LEAVE -> ClusterMessageType.SOCKETS_LEAVE;
			default -> ClusterMessageType.DISCONNECT_SOCKETS;
		};
	}

	/** Answers only through a listener's callback, as Node.js does: without one the requester times out. */
	private @Nullable ClusterMessageType onServerSideEmit(ObjectNode request, @Nullable String requestId) {
		if (!(request.get("data") instanceof ArrayNode data) || data.isEmpty()) {
			return null;
		}
		if (requestId == null) {
			this.context.serverSideEvent(data, null);
			return ClusterMessageType.SERVER_SIDE_EMIT;
		}
		this.context.serverSideEvent(data, (answer) -> {
			ObjectNode response = NODES.objectNode().put("type", SERVER_SIDE_EMIT).put("requestId", requestId);
			response.set("data", answer);
			// Node.js answers these on the shared channel even with publishOnSpecificResponseChannel
			this.responder.respond(null, this.codec.json(response), true);
		});
		return ClusterMessageType.SERVER_SIDE_EMIT;
	}

	/** Delivers here, reports the client count at once (even 0), then each client's acknowledgement. */
	private @Nullable ClusterMessageType onBroadcastWithAck(ObjectNode request, @Nullable String sender,
			@Nullable String requestId) {
		Packet packet = ClusterPayloads.packet(request.get("packet"), this.context.namespace());
		if (requestId == null || packet == null) {
			return null;
		}
		BroadcastOptions options = ClusterPayloads.options(request.get("opts"));
		int count = this.local.deliverWithAck(packet.withId(this.context.nextAckId()), options, (ack) -> {
			ObjectNode response = NODES.objectNode().put("type", BROADCAST_ACK).put("requestId", requestId);
			response.set("packet", ack);
			this.responder.respond(sender, this.codec.msgpack(response), false);
		});
		this.responder.respond(sender, this.codec.json(NODES.objectNode()
			.put("type", BROADCAST_CLIENT_COUNT)
			.put("requestId", requestId)
			.put("clientCount", count)), false);
		return ClusterMessageType.BROADCAST;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/** Publishes a response. */
	@FunctionalInterface
	interface Responder {

		/**
		 * @param requesterUid the requesting adapter's id, {@code null} when unknown
		 * @param body the response
		 * @param shared whether it goes to the shared response channel whatever the options say
		 */
		void respond(@Nullable String requesterUid, byte[] body, boolean shared);

	}

}
