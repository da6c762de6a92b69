package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Selects sockets (by rooms, exclusions and flags) and acts on them, on every server node unless {@link #local()}.
 * Immutable: each method returns a new operator. {@link #emit} sends at once; every method that returns a
 * {@code Mono} starts its work when the {@code Mono} is subscribed, and again on each subscription.
 *
 * <pre>{@code
 * server.of("/chat").to("room1").except("muted").emit("message", text);
 * server.timeout(Duration.ofSeconds(5)).emitWithAck("are-you-there")
 *         .subscribe(answers -> log.info("{} clients answered", answers.size())); // sends when subscribed
 * }</pre>
 */
public final class BroadcastOperator {

	private static final Log logger = LogFactory.getLog(BroadcastOperator.class);

	private final BroadcastTarget target;

	private final Set<String> rooms;

	private final Set<String> except;

	private final BroadcastFlags flags;

	BroadcastOperator(BroadcastTarget target) {
		this(target, Set.of(), Set.of(), BroadcastFlags.NONE);
	}

	private BroadcastOperator(BroadcastTarget target, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
		this.target = target;
		this.rooms = rooms;
		this.except = except;
		this.flags = flags;
	}

	/**
	 * Targets the members of rooms (added to those already targeted).
	 * <pre>{@code server.to("room1").to("room2").emit("news"); // members of either, once each}</pre>
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator to(String... rooms) {
		return new BroadcastOperator(this.target, union(this.rooms, rooms), this.except, this.flags);
	}

	/**
	 * Same as {@link #to(String...)}.
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Targets every socket of users (added to those already targeted): their user rooms ({@link UserRooms}).
	 * @param users the principals' names
	 * @return a new operator
	 */
	public BroadcastOperator toUser(String... users) {
		return to(Arrays.stream(users).map(UserRooms::of).toArray(String[]::new));
	}

	/**
	 * Excludes the members of rooms.
	 * <pre>{@code server.except("room1").emit("news"); // everyone not in room1}</pre>
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator except(String... rooms) {
		return new BroadcastOperator(this.target, this.rooms, union(this.except, rooms), this.flags);
	}

	/**
	 * Stays on this server node.
	 * <pre>{@code server.local().emit("local-news");}</pre>
	 * @return a new operator
	 */
	public BroadcastOperator local() {
		return new BroadcastOperator(this.target, this.rooms, this.except, this.flags.withLocal());
	}

	/**
	 * Sends volatile events: dropped for clients whose connection cannot take them right now, never kept for recovery.
	 * <pre>{@code server.asVolatile().emit("tick", n);}</pre>
	 * @return a new operator
	 */
	public BroadcastOperator asVolatile() {
		return new BroadcastOperator(this.target, this.rooms, this.except, this.flags.withVolatile());
	}

	/**
	 * Broadcasts with or without compression: {@code compress(false)} sends uncompressed even where HTTP compression
	 * or permessage-deflate is on (the flag travels to the other nodes too); the default is {@code true}.
	 * @param compress whether the packets may be compressed
	 * @return a new operator
	 */
	public BroadcastOperator compress(boolean compress) {
		return new BroadcastOperator(this.target, this.rooms, this.except, this.flags.withCompress(compress));
	}

	/**
	 * Sets how long to wait for acknowledgements (and, in a cluster, for other nodes' answers to
	 * {@link #fetchSockets()}).
	 * <pre>{@code server.timeout(Duration.ofSeconds(2)).emitWithAck("ping");}</pre>
	 * @param timeout the deadline
	 * @return a new operator
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return new BroadcastOperator(this.target, this.rooms, this.except, this.flags.withTimeout(timeout));
	}

	/**
	 * Sends an event to the selected sockets. The packet is encoded once per namespace and shared by all recipients.
	 * <pre>{@code server.to("room1").emit("message", "hello", Map.of("from", "server"));}</pre>
	 * @param event the event name, not a reserved one
	 * @param args the arguments: JSON-serialisable values, {@code byte[]} for binary
	 */
	public void emit(String event, Object... args) {
		for (Namespace namespace : this.target.namespaces()) {
			ArrayNode data = Payloads.event(namespace.mapper(), event, args);
			Packet packet = new Packet(PacketType.EVENT, namespace.name(), data, Packet.NO_ID);
			namespace.observer().broadcast(namespace, this.flags.local());
			namespace.adapter()
				.broadcast(packet, options())
				.subscribe(null, (ex) -> logger.warn("Broadcast of '" + event + "' failed", ex));
		}
	}

	/**
	 * Sends an event to the selected sockets and collects the first argument of every client's acknowledgement, from
	 * every node, as the reference does (a {@code List} of {@code JsonNode}, where one socket's
	 * {@link SocketIOSocket#emitWithAck} gives all the {@link Arguments} of its one answer). Needs a {@link #timeout}.
	 * The arguments are read at once, but nothing is sent until the {@code Mono} is subscribed; each subscription
	 * sends the event again, and the deadline runs from the subscription.
	 * <pre>{@code
	 * server.to("voters").timeout(Duration.ofSeconds(10)).emitWithAck("vote?")
	 *         .subscribe(votes -> tally(votes), error -> log.warn(error.getMessage()));
	 * }</pre>
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers; fails with an {@link AckTimeoutException} naming how many are missing (its
	 * {@code responses()} holds those that came)
	 * @throws IllegalStateException without a timeout, or on a parent namespace
	 */
	public Mono<List<JsonNode>> emitWithAck(String event, Object... args) {
		Duration timeout = this.flags.timeout();
		if (timeout == null) {
			throw new IllegalStateException("A broadcast with acknowledgements needs a timeout: call timeout(...) first");
		}
		Namespace namespace = singleNamespace("emitWithAck");
		ArrayNode data = Payloads.event(namespace.mapper(), event, args);
		BroadcastOptions options = options();
		return Mono.defer(() -> {
			Packet packet = new Packet(PacketType.EVENT, namespace.name(), data, namespace.nextAckId());
			namespace.observer().broadcast(namespace, this.flags.local());
			AckAggregator aggregator = new AckAggregator(timeout);
			namespace.adapter().broadcastWithAck(packet, options, aggregator::onClientCount, aggregator::onAck);
			namespace.adapter().serverCount().subscribe(aggregator::onServerCount, (ex) -> aggregator.onServerCount(1));
			return aggregator.result();
		});
	}

	/**
	 * Fetches the selected sockets, from every node, when the {@code Mono} is subscribed.
	 * <pre>{@code server.in("room1").fetchSockets().map(List::size);}</pre>
	 * @return the sockets, local ones first
	 */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return Flux.fromIterable(this.target.namespaces())
			.concatMap((namespace) -> namespace.adapter()
				.fetchSockets(options())
				.flatMapIterable(Function.identity())
				.map((details) -> new RemoteSocket(details, namespace)))
			.collectList();
	}

	/**
	 * Makes the selected sockets join rooms, on every node, when the {@code Mono} is subscribed.
	 * <pre>{@code server.in("room1").socketsJoin("room2").subscribe();}</pre>
	 * @param rooms the rooms to join
	 * @return completes once applied
	 */
	public Mono<Void> socketsJoin(String... rooms) {
		Set<String> joined = Set.of(rooms);
		return onEveryNamespace((namespace) -> namespace.adapter().addSockets(options(), joined));
	}

	/**
	 * Makes the selected sockets leave rooms, on every node, when the {@code Mono} is subscribed.
	 * @param rooms the rooms to leave
	 * @return completes once applied
	 */
	public Mono<Void> socketsLeave(String... rooms) {
		Set<String> left = Set.of(rooms);
		return onEveryNamespace((namespace) -> namespace.adapter().delSockets(options(), left));
	}

	/**
	 * Disconnects the selected sockets, on every node, when the {@code Mono} is subscribed.
	 * <pre>{@code server.in("banned").disconnectSockets(true).subscribe();}</pre>
	 * @param close whether to close their connections too
	 * @return completes once applied
	 */
	public Mono<Void> disconnectSockets(boolean close) {
		return onEveryNamespace((namespace) -> namespace.adapter().disconnectSockets(options(), close));
	}

	/** Lazy: the adapter is called for each namespace in turn once the result is subscribed. */
	private Mono<Void> onEveryNamespace(Function<Namespace, Mono<Void>> operation) {
		return Flux.fromIterable(this.target.namespaces()).concatMap(operation).then();
	}

	private Namespace singleNamespace(String operation) {
		if (this.target instanceof Namespace namespace) {
			return namespace;
		}
		throw new IllegalStateException(operation + " is not available on a parent namespace; use one of its children");
	}

	BroadcastOptions options() {
		return new BroadcastOptions(this.rooms, this.except, this.flags);
	}

	private static Set<String> union(Set<String> current, String[] more) {
		if (more.length == 0) {
			return current;
		}
		if (current.isEmpty() && more.length == 1) {
			return Set.of(more[0]); // socket.to(room), socket.broadcast(): one room, no set to merge
		}
		Set<String> union = new HashSet<>(current);
		union.addAll(Arrays.asList(more));
		return Set.copyOf(union);
	}

}
