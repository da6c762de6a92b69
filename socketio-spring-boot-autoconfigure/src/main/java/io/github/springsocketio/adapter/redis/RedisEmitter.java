package io.github.springsocketio.adapter.redis;

import java.util.Set;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.protocol.MsgPack;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Emits to the clients of a Socket.IO cluster on the Redis PUB/SUB adapter ({@code socketio.adapter.type=redis}, or
 * Node's {@code createAdapter}) from a process that serves none, publishing what {@code @socket.io/redis-emitter} 5
 * publishes: broadcasts as MessagePack {@code ["emitter", {type, data, nsp}, {rooms, flags, except}]} on the
 * namespace's channel (the room's for exactly one room), room operations and server-side events as JSON requests
 * without a request id. Each operation checks its arguments when called but publishes nothing until its {@code Mono}
 * is subscribed, once per subscription; the {@code Mono} completes when Redis has the message.
 *
 * <pre>{@code
 * emitter.of("/chat").to("room1").emit("announcement", "maintenance at noon").subscribe();
 * emitter.in("room1").disconnectSockets(true).block(Duration.ofSeconds(5));
 * }</pre>
 */
public final class RedisEmitter extends ClusterEmitter {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String key;

	private final JsonMapper mapper;

	private final RedisCommands commands;

	/**
	 * @param connectionFactory the Redis connection factory
	 * @param options the adapter options the cluster uses (its {@code key}, the channel prefix)
	 * @param mapper the JSON mapper
	 */
	public RedisEmitter(ReactiveRedisConnectionFactory connectionFactory, RedisAdapterOptions options,
			JsonMapper mapper) {
		super(mapper);
		this.key = options.key();
		this.mapper = mapper;
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(),
				new RedisAvailability(RedisAddress.of(connectionFactory)));
	}

	@Override
	public void close() {
		this.commands.close();
	}

	@Override
	Mono<Void> publish(Emission emission) {
		RedisAdapterChannels channels = new RedisAdapterChannels(this.key, emission.namespace(), UID);
		return switch (emission.type()) {
			case BROADCAST -> this.commands.publish(broadcastChannel(channels, emission.options().rooms()),
					MsgPack.encode(broadcast(emission))).then();
			case SERVER_SIDE_EMIT -> request(channels, NODES.objectNode().put("uid", UID)
				.put("type", RedisAdapterRequestHandler.SERVER_SIDE_EMIT)
				.set("data", emission.payload()));
			default -> request(channels, roomRequest(emission));
		};
	}

	private static String broadcastChannel(RedisAdapterChannels channels, Set<String> rooms) {
		return (rooms.size() == 1) ? channels.room(rooms.iterator().next()) : channels.broadcast();
	}

	/** {@code ["emitter", {type: 2, data, nsp}, {rooms, except, flags}]}. */
	private static ArrayNode broadcast(Emission emission) {
		ArrayNode message = NODES.arrayNode(3);
		message.add(UID);
		message.add(NODES.objectNode().put("type", 2).<ObjectNode>set("data", emission.payload())
			.put("nsp", emission.namespace()));
		message.add(ClusterPayloads.options(emission.options()));
		return message;
	}

	/**
	 * {@code {type, opts: {rooms, except}, rooms}} or {@code {type, opts, close}}: no uid, as the Node.js emitter's, so
	 * every node applies it.
	 */
	private static ObjectNode roomRequest(Emission emission) {
		boolean disconnect = emission.type() == ClusterMessageType.DISCONNECT_SOCKETS;
		ObjectNode request = NODES.objectNode();
		request.put("type", switch (emission.type()) {
			case SOCKETS_JOIN -> RedisAdapterRequestHandler.REMOTE_JOIN;
			case SOCKETS_LEAVE -> RedisAdapterRequestHandler.REMOTE_LEAVE;
			default -> RedisAdapterRequestHandler.REMOTE_DISCONNECT;
		});
		ObjectNode opts = request.putObject("opts");
		opts.set("rooms", ClusterPayloads.strings(emission.options().rooms()));
		opts.set("except", ClusterPayloads.strings(emission.options().except()));
		request.set(disconnect ? "close" : "rooms", emission.payload());
		return request;
	}

	private Mono<Void> request(RedisAdapterChannels channels, ObjectNode request) {
		return this.commands.publish(channels.request(), this.mapper.writeValueAsBytes(request)).then();
	}

}
