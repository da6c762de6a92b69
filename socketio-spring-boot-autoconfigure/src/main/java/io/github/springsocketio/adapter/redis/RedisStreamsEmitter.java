package io.github.springsocketio.adapter.redis;

import java.util.Map;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.adapter.ClusterMessageType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Emits to the clients of a Socket.IO cluster on the Redis Streams adapter from a process that serves none, as
 * {@code @socket.io/redis-streams-emitter} does: broadcasts and room operations go to the cluster's stream, server-side
 * events to the namespace's PUB/SUB channel, where the adapter sends its requests. Each operation checks its arguments
 * when called but publishes nothing until its {@code Mono} is subscribed, once per subscription; the {@code Mono}
 * completes when Redis has the message.
 *
 * <pre>{@code
 * emitter.of("/chat").to("room1").emit("announcement", "maintenance at noon").subscribe();
 * emitter.in("room1").disconnectSockets(true).block(Duration.ofSeconds(5));
 * }</pre>
 */
public final class RedisStreamsEmitter extends ClusterEmitter {

	private final RedisStreamsAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final RedisCommands commands;

	/**
	 * @param connectionFactory the Redis connection factory
	 * @param options the adapter options the cluster uses (stream name, channel prefix)
	 * @param mapper the JSON mapper
	 */
	public RedisStreamsEmitter(ReactiveRedisConnectionFactory connectionFactory, RedisStreamsAdapterOptions options,
			JsonMapper mapper) {
		super(mapper);
		this.options = options;
		this.codec = new ClusterMessageCodec(mapper, options.onlyPlaintext());
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), new RedisAvailability(RedisAddress.of(connectionFactory)));
	}

	@Override
	public void close() {
		this.commands.close();
	}

	@Override
	Mono<Void> publish(Emission emission) {
		ClusterMessage message = new ClusterMessage(UID, emission.namespace(), emission.type(), emission.clusterData());
		if (emission.type() == ClusterMessageType.SERVER_SIDE_EMIT) {
			String channel = this.options.channelPrefix() + "#" + emission.namespace() + "#";
			return this.commands.publish(channel, this.codec.toEnvelope(message)).then();
		}
		Map<String, String> fields = this.codec.toStreamFields(message);
		return this.commands.xadd(this.options.streamFor(emission.namespace()), fields, this.options.maxLength()).then();
	}

}
