package io.github.springsocketio.adapter.redis;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.server.BroadcastOptions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Emits to the clients of a Socket.IO cluster on the sharded Redis PUB/SUB adapter
 * ({@code socketio.adapter.type=redis-sharded}, or Node's {@code createShardedAdapter}) from a process that serves
 * none. Node.js has no emitter for this adapter ({@code @socket.io/redis-emitter} publishes with {@code PUBLISH},
 * which sharded subscribers never see): this one publishes what a node of the cluster publishes, the cluster adapter's
 * envelope {@code {type, data, uid: "emitter", nsp}} (JSON, MessagePack when it holds binary) with {@code SPUBLISH},
 * on the channel that node would choose: the namespace's, or a room's for a broadcast to that one room when the
 * {@link ShardedSubscriptionMode} gives it one. Each operation checks its arguments when called but publishes nothing
 * until its {@code Mono} is subscribed, once per subscription; the {@code Mono} completes when Redis has the message.
 *
 * <pre>{@code
 * emitter.of("/chat").to("room1").emit("announcement", "maintenance at noon").subscribe();
 * emitter.in("room1").disconnectSockets(true).block(Duration.ofSeconds(5));
 * }</pre>
 */
public final class RedisShardedEmitter extends ClusterEmitter {

	private final RedisShardedAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final ShardedCommands commands;

	/**
	 * @param connectionFactory the application's Lettuce connection factory, of a Redis 7 (standalone, Sentinel or
	 * cluster: each {@code SPUBLISH} goes to the master of its channel's slot)
	 * @param options the adapter options the cluster uses (channel prefix, subscription mode)
	 * @param mapper the JSON mapper
	 */
	public RedisShardedEmitter(ReactiveRedisConnectionFactory connectionFactory, RedisShardedAdapterOptions options,
			JsonMapper mapper) {
		super(mapper);
		this.options = options;
		this.codec = new ClusterMessageCodec(mapper, false);
		RedisAvailability availability = new RedisAvailability(RedisAddress.of(connectionFactory));
		this.commands = new ShardedCommands(() -> LettuceConnection.client(connectionFactory),
				LettuceConnection.kind(connectionFactory), options.requestTimeout(), availability);
	}

	@Override
	public void close() {
		this.commands.close();
	}

	@Override
	Mono<Void> publish(Emission emission) {
		ClusterMessage message = new ClusterMessage(UID, emission.namespace(), emission.type(), emission.clusterData());
		return this.commands.publish(channel(emission), this.codec.toJsonUnlessBinary(message)).then();
	}

	/**
	 * As a node of the cluster chooses: a broadcast to exactly one room goes to the room's channel when the mode gives
	 * the room one (the nodes with members of the room subscribe to it), everything else to the namespace's, which
	 * every node reads.
	 */
	private String channel(Emission emission) {
		String namespaceChannel = this.options.channelPrefix() + "#" + emission.namespace() + "#";
		BroadcastOptions targets = emission.options();
		if (emission.type() == ClusterMessageType.BROADCAST && targets.rooms().size() == 1) {
			String room = targets.rooms().iterator().next();
			if (this.options.subscriptionMode().publishesToRoomChannel(room)) {
				return namespaceChannel + room + "#";
			}
		}
		return namespaceChannel;
	}

}
