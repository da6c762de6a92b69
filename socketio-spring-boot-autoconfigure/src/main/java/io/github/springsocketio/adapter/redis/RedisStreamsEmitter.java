package io.github.springsocketio.adapter.redis;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.Payloads;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Emits to the clients of a Socket.IO cluster from a process that serves none (a batch job, a REST service), through
 * the cluster's Redis stream, as {@code @socket.io/redis-streams-emitter} does. Each operation checks its arguments
 * when called but publishes nothing until its {@code Mono} is subscribed, once per subscription; the {@code Mono}
 * completes when Redis has the message.
 *
 * <pre>{@code
 * emitter.of("/chat").to("room1").emit("announcement", "maintenance at noon").subscribe();
 * emitter.in("room1").disconnectSockets(true).block(Duration.ofSeconds(5));
 * }</pre>
 */
public final class RedisStreamsEmitter {

	/** The uid every emitter uses; nodes never wait for it as a server. */
	public static final String UID = "emitter";

	private final RedisStreamsAdapterOptions options;

	private final JsonMapper mapper;

	private final ClusterMessageCodec codec;

	private final RedisCommands commands;

	/**
	 * @param connectionFactory the Redis connection factory
	 * @param options the adapter options the cluster uses (stream name, channel prefix)
	 * @param mapper the JSON mapper
	 */
	public RedisStreamsEmitter(ReactiveRedisConnectionFactory connectionFactory, RedisStreamsAdapterOptions options,
			JsonMapper mapper) {
		this.options = options;
		this.mapper = mapper;
		this.codec = new ClusterMessageCodec(mapper, options.onlyPlaintext());
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), new RedisAvailability(RedisAddress.of(connectionFactory)));
	}

	/**
	 * @param namespace a namespace, e.g. {@code /chat}
	 * @return an operator on it
	 */
	public Operator of(String namespace) {
		return new Operator(namespace.startsWith("/") ? namespace : "/" + namespace, BroadcastOptions.ALL);
	}

	/**
	 * @param rooms rooms of the main namespace
	 * @return an operator targeting their members
	 */
	public Operator to(String... rooms) {
		return of("/").to(rooms);
	}

	/**
	 * @param rooms rooms of the main namespace
	 * @return an operator targeting their members
	 */
	public Operator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * @param rooms rooms of the main namespace
	 * @return an operator targeting everyone else
	 */
	public Operator except(String... rooms) {
		return of("/").except(rooms);
	}

	/**
	 * Emits to every client of the main namespace, when subscribed.
	 * @param event the event name
	 * @param args the arguments
	 * @return completes when published
	 */
	public Mono<Void> emit(String event, Object... args) {
		return of("/").emit(event, args);
	}

	/** Closes the emitter's connection. */
	public void close() {
		this.commands.close();
	}

	private Mono<Void> publishToStream(String namespace, ClusterMessageType type, ObjectNode data) {
		Map<String, String> fields = this.codec.toStreamFields(new ClusterMessage(UID, namespace, type, data));
		String stream = this.options.streamFor(namespace);
		return Mono.defer(() -> this.commands.xadd(stream, fields, this.options.maxLength()).then());
	}

	/** Selects clients of one namespace; immutable. */
	public final class Operator {

		private final String namespace;

		private final BroadcastOptions options;

		private Operator(String namespace, BroadcastOptions options) {
			this.namespace = namespace;
			this.options = options;
		}

		/**
		 * @param rooms rooms whose members to target
		 * @return a new operator
		 */
		public Operator to(String... rooms) {
			return new Operator(this.namespace, this.options.to(rooms));
		}

		/**
		 * @param rooms rooms whose members to target
		 * @return a new operator
		 */
		public Operator in(String... rooms) {
			return to(rooms);
		}

		/**
		 * @param rooms rooms whose members to leave out
		 * @return a new operator
		 */
		public Operator except(String... rooms) {
			return new Operator(this.namespace, this.options.except(rooms));
		}

		/** @return a new operator emitting volatile events */
		public Operator asVolatile() {
			return new Operator(this.namespace, this.options
				.withFlags(new BroadcastFlags(true, this.options.flags().compress(), false, null)));
		}

		/**
		 * Emits an event to the selected clients, when subscribed.
		 * @param event the event name
		 * @param args the arguments; {@code byte[]} values are sent as binary
		 * @return completes when published
		 * @throws IllegalArgumentException for a reserved event name
		 */
		public Mono<Void> emit(String event, Object... args) {
			ArrayNode payload = Payloads.event(RedisStreamsEmitter.this.mapper, event, args);
			ObjectNode packet = JsonNodeFactory.instance.objectNode().put("type", 2);
			packet.set("data", payload);
			return publish(ClusterMessageType.BROADCAST, (data) -> data.set("packet", packet));
		}

		/**
		 * @param rooms rooms the selected clients join
		 * @return completes when published
		 */
		public Mono<Void> socketsJoin(String... rooms) {
			return publish(ClusterMessageType.SOCKETS_JOIN,
					(data) -> data.set("rooms", ClusterPayloads.strings(Set.of(rooms))));
		}

		/**
		 * @param rooms rooms the selected clients leave
		 * @return completes when published
		 */
		public Mono<Void> socketsLeave(String... rooms) {
			return publish(ClusterMessageType.SOCKETS_LEAVE,
					(data) -> data.set("rooms", ClusterPayloads.strings(Set.of(rooms))));
		}

		/**
		 * @param close whether to close their connections too
		 * @return completes when published
		 */
		public Mono<Void> disconnectSockets(boolean close) {
			return publish(ClusterMessageType.DISCONNECT_SOCKETS, (data) -> data.put("close", close));
		}

		private Mono<Void> publish(ClusterMessageType type, Consumer<ObjectNode> body) {
			ObjectNode data = JsonNodeFactory.instance.objectNode();
			body.accept(data);
			data.set("opts", ClusterPayloads.options(this.options));
			return publishToStream(this.namespace, type, data);
		}

	}

}
