package io.github.springsocketio.adapter.redis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.protocol.ReservedEvents;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.Payloads;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emits to the clients of a Socket.IO cluster from a process that serves none (a batch job, a REST service), through
 * the cluster's Redis: the operations every emitter offers, whatever the adapter. Each operation checks its arguments
 * when called but publishes nothing until its {@code Mono} is subscribed, once per subscription; the {@code Mono}
 * completes when Redis has the message. Messages carry the uid {@value #UID}, as those of the Node.js emitters.
 *
 * <pre>{@code
 * emitter.of("/chat").to("room1").emit("announcement", "maintenance at noon").subscribe();
 * emitter.in("room1").disconnectSockets(true).block(Duration.ofSeconds(5));
 * emitter.serverSideEmit("cache-evicted", "users").subscribe();
 * }</pre>
 *
 * @see RedisStreamsEmitter
 * @see RedisEmitter
 * @see RedisShardedEmitter
 */
public abstract sealed class ClusterEmitter permits RedisStreamsEmitter, RedisEmitter, RedisShardedEmitter {

	/** The uid every emitter uses; nodes never wait for it as a server. */
	public static final String UID = "emitter";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	ClusterEmitter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * @param namespace a namespace, e.g. {@code /chat} (or {@code chat})
	 * @return an operator on all its clients, which also sends server-side events to its servers
	 */
	public Namespace of(String namespace) {
		return new Namespace(namespace.startsWith("/") ? namespace : "/" + namespace);
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
	 * @throws IllegalArgumentException for a reserved event name
	 */
	public Mono<Void> emit(String event, Object... args) {
		return of("/").emit(event, args);
	}

	/**
	 * Sends an event to the servers of the main namespace (their {@code onServerSideEmit} handlers), when subscribed.
	 * @param event the event name
	 * @param args the arguments
	 * @return completes when published
	 * @throws IllegalArgumentException for a reserved event name, or an acknowledgement callback among the arguments
	 * (an emitter receives nothing)
	 */
	public Mono<Void> serverSideEmit(String event, Object... args) {
		return of("/").serverSideEmit(event, args);
	}

	/** Closes the emitter's connection. */
	public abstract void close();

	/**
	 * Publishes one operation, when subscribed, in the format of the cluster's adapter.
	 * @param emission what to publish
	 * @return completes when Redis has it
	 */
	abstract Mono<Void> publish(Emission emission);

	/**
	 * One operation of an emitter.
	 *
	 * @param namespace the namespace, starting with {@code /}
	 * @param type {@code BROADCAST}, {@code SOCKETS_JOIN}, {@code SOCKETS_LEAVE}, {@code DISCONNECT_SOCKETS} or
	 * {@code SERVER_SIDE_EMIT}
	 * @param options the clients it is for (everyone for a server-side event)
	 * @param payload the event {@code [event, ...args]}, the rooms to join or leave, or whether to close
	 */
	record Emission(String namespace, ClusterMessageType type, BroadcastOptions options, JsonNode payload) {

		/**
		 * @return the {@code data} of the cluster adapter's message ({@code socket.io-adapter}'s
		 * {@code ClusterAdapter}): {@code {packet: {type: 2, data}, opts}}, {@code {opts, rooms}},
		 * {@code {opts, close}} or {@code {packet: [event, ...args]}}
		 */
		ObjectNode clusterData() {
			ObjectNode data = NODES.objectNode();
			switch (this.type) {
				case BROADCAST -> data.set("packet", NODES.objectNode().put("type", 2).set("data", this.payload));
				case SOCKETS_JOIN, SOCKETS_LEAVE -> data.set("rooms", this.payload);
				case DISCONNECT_SOCKETS -> data.set("close", this.payload);
				case SERVER_SIDE_EMIT -> {
					data.set("packet", this.payload);
					return data;
				}
				default -> throw new IllegalStateException("an emitter does not send " + this.type);
			}
			data.set("opts", ClusterPayloads.options(this.options));
			return data;
		}

	}

	/** Selects clients of one namespace; immutable. */
	public sealed class Operator permits Namespace {

		final String namespace;

		final BroadcastOptions options;

		Operator(String namespace, BroadcastOptions options) {
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

		/** @return a new operator emitting volatile events (dropped for a client not ready for them) */
		public Operator asVolatile() {
			BroadcastFlags flags = this.options.flags();
			return new Operator(this.namespace,
					this.options.withFlags(new BroadcastFlags(true, flags.compress(), false, null)));
		}

		/**
		 * @param compress whether the servers may compress the events
		 * @return a new operator emitting with that flag
		 */
		public Operator compress(boolean compress) {
			BroadcastFlags flags = this.options.flags();
			return new Operator(this.namespace,
					this.options.withFlags(new BroadcastFlags(flags.isVolatile(), compress, false, null)));
		}

		/**
		 * Emits an event to the selected clients, when subscribed.
		 * @param event the event name
		 * @param args the arguments; {@code byte[]} values are sent as binary
		 * @return completes when published
		 * @throws IllegalArgumentException for a reserved event name
		 */
		public Mono<Void> emit(String event, Object... args) {
			return publishing(ClusterMessageType.BROADCAST, Payloads.event(ClusterEmitter.this.mapper, event, args));
		}

		/**
		 * @param rooms rooms the selected clients join
		 * @return completes when published
		 */
		public Mono<Void> socketsJoin(String... rooms) {
			return publishing(ClusterMessageType.SOCKETS_JOIN, roomList(rooms));
		}

		/**
		 * @param rooms rooms the selected clients leave
		 * @return completes when published
		 */
		public Mono<Void> socketsLeave(String... rooms) {
			return publishing(ClusterMessageType.SOCKETS_LEAVE, roomList(rooms));
		}

		/**
		 * @param close whether to close their connections too
		 * @return completes when published
		 */
		public Mono<Void> disconnectSockets(boolean close) {
			return publishing(ClusterMessageType.DISCONNECT_SOCKETS, BooleanNode.valueOf(close));
		}

		Mono<Void> publishing(ClusterMessageType type, JsonNode payload) {
			Emission emission = new Emission(this.namespace, type, this.options, payload);
			return Mono.defer(() -> publish(emission));
		}

		private static ArrayNode roomList(String[] rooms) {
			return ClusterPayloads.strings(new LinkedHashSet<>(List.of(rooms)));
		}

	}

	/**
	 * All clients of one namespace, and its servers; immutable. As the Node.js emitters, server-side events go to a
	 * namespace, not to rooms.
	 */
	public final class Namespace extends Operator {

		Namespace(String namespace) {
			super(namespace, BroadcastOptions.ALL);
		}

		/**
		 * Sends an event to the servers of this namespace (their {@code onServerSideEmit} handlers), when subscribed.
		 * No acknowledgements: an emitter receives nothing.
		 * @param event the event name
		 * @param args the arguments
		 * @return completes when published
		 * @throws IllegalArgumentException for a name a server reserves ({@code connect}, {@code connection},
		 * {@code new_namespace}), or an acknowledgement callback among the arguments
		 */
		public Mono<Void> serverSideEmit(String event, Object... args) {
			if (ReservedEvents.isReservedServerSide(event)) {
				throw new IllegalArgumentException("'" + event + "' is a reserved event name; choose another one");
			}
			ArrayNode packet = NODES.arrayNode(args.length + 1);
			packet.add(event);
			for (Object arg : args) {
				if (arg instanceof Consumer<?> || arg instanceof BiConsumer<?, ?> || arg instanceof Function<?, ?>
						|| arg instanceof Runnable) {
					throw new IllegalArgumentException("An emitter cannot receive acknowledgements: "
							+ "send the event from a server node (serverSideEmitWithAck) to collect answers");
				}
				packet.add(Payloads.toNode(ClusterEmitter.this.mapper, arg));
			}
			return publishing(ClusterMessageType.SERVER_SIDE_EMIT, packet);
		}

	}

}
