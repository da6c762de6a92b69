package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import io.github.springsocketio.server.SocketDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the operations started on this node to the other nodes of a cluster, as Node.js's {@code ClusterAdapter}
 * does, and applies them to this node's sockets through an {@link InMemoryAdapter}. What other nodes send is handled
 * by a {@link ClusterMessageRouter}, requests are correlated with their responses by {@link ClusterRequests}. A
 * transport only says how a message is published and hands what it receives to {@link #onMessage}.
 */
public abstract class ClusterAdapter implements Adapter {

	private static final Log logger = LogFactory.getLog(ClusterAdapter.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** This adapter's id in cluster messages: 8 random bytes as 16 hex characters. */
	protected final String uid = ClusterRequests.randomId();

	protected final AdapterContext context;

	private final InMemoryAdapter local;

	private final ClusterRequests requests;

	private final ClusterMessageRouter router;

	/**
	 * @param context the namespace
	 * @param requestTimeout how long requests wait for the other nodes when no timeout is given
	 */
	protected ClusterAdapter(AdapterContext context, Duration requestTimeout) {
		this.context = context;
		// the cluster's store keeps the recovery data, not this node's memory
		this.local = new InMemoryAdapter(context, false);
		this.requests = new ClusterRequests(requestTimeout);
		this.router = new ClusterMessageRouter(this.uid, context, this.local, this.requests, this::respond,
				this::observer);
	}

	/** @return this adapter's id */
	public String uid() {
		return this.uid;
	}

	/**
	 * Publishes a message to the other nodes.
	 * @param message the message
	 * @return the offset the message got in a durable log (a stream entry id), or empty when it has none
	 */
	protected abstract Mono<String> doPublish(ClusterMessage message);

	/**
	 * Publishes a response to the node that made a request.
	 * @param requesterUid the requesting adapter's id
	 * @param response the response
	 * @return completes once published
	 */
	protected abstract Mono<Void> doPublishResponse(String requesterUid, ClusterMessage response);

	@Override
	public abstract Mono<Integer> serverCount();

	/** @return what observes this adapter's cluster traffic */
	protected ClusterObserver observer() {
		return ClusterObserver.NONE;
	}

	/**
	 * Called when publishing fails; the operation still applies locally. Transports log once per outage.
	 * @param error the failure
	 */
	protected void onPublishError(Throwable error) {
		logger.debug("Publishing to the cluster failed", error);
	}

	/**
	 * Handles a message from another node: applies it locally, answers requests, routes responses. Messages this
	 * adapter sent itself are ignored.
	 * @param message the message
	 * @param offset its offset in a durable log (the stream entry id), or {@code null}
	 */
	public void onMessage(ClusterMessage message, @Nullable String offset) {
		this.router.route(message, offset);
	}

	@Override
	public void init() {
		this.local.init();
	}

	@Override
	public void close() {
		this.local.close();
	}

	// The rooms of this node's sockets

	@Override
	public void addAll(String socketId, Set<String> rooms) {
		this.local.addAll(socketId, rooms);
	}

	@Override
	public void del(String socketId, String room) {
		this.local.del(socketId, room);
	}

	@Override
	public void delAll(String socketId) {
		this.local.delAll(socketId);
	}

	@Override
	public Set<String> socketRooms(String socketId) {
		return this.local.socketRooms(socketId);
	}

	@Override
	public Set<String> rooms() {
		return this.local.rooms();
	}

	@Override
	public int roomSize(String room) {
		return this.local.roomSize(room);
	}

	// Operations started here

	/**
	 * Publishes the broadcast first, then delivers it locally, so local clients get the same offset as remote ones.
	 * If publishing fails the packet is still delivered here, without an offset.
	 */
	@Override
	public Mono<Void> broadcast(Packet packet, BroadcastOptions options) {
		if (options.flags().local()) {
			this.local.deliver(packet, options, null);
			return Mono.empty();
		}
		ObjectNode data = NODES.objectNode();
		data.set("packet", ClusterPayloads.packet(packet));
		data.set("opts", ClusterPayloads.options(options));
		return publish(message(ClusterMessageType.BROADCAST, data)).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume((ex) -> {
				onPublishError(ex);
				return Mono.just(Optional.empty());
			})
			.doOnNext((offset) -> this.local.deliver(packet, options, offset.orElse(null)))
			.then();
	}

	@Override
	public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
			Consumer<JsonNode> ack) {
		if (!options.flags().local()) {
			String requestId = this.requests.registerAck(this.requests.timeout(options.flags().timeout()), clientCount,
					ack);
			ObjectNode data = NODES.objectNode();
			data.set("packet", ClusterPayloads.packet(packet.withId(Packet.NO_ID)));
			data.put("requestId", requestId);
			data.set("opts", ClusterPayloads.options(options));
			publish(message(ClusterMessageType.BROADCAST, data)).subscribe(null, this::onPublishError);
		}
		clientCount.accept(this.local.deliverWithAck(packet, options, ack));
	}

	/** Local sockets first, then those of each other node, which all must answer in time. */
	@Override
	public Mono<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
		List<SocketDetails> local = this.local.sockets(options);
		if (options.flags().local()) {
			return Mono.just(local);
		}
		Duration timeout = this.requests.timeout(options.flags().timeout());
		return serverCount().flatMap((servers) -> {
			int expected = servers - 1;
			if (expected <= 0) {
				return Mono.just(local);
			}
			ObjectNode data = NODES.objectNode();
			data.set("opts", ClusterPayloads.options(options));
			return request(ClusterMessageType.FETCH_SOCKETS, data, expected, timeout).map((responses) -> {
				List<SocketDetails> all = new ArrayList<>(local);
				for (JsonNode response : responses) {
					for (JsonNode socket : response.path("sockets")) {
						SocketDetails details = ClusterPayloads.socket(socket, this.context.mapper());
						if (details != null) {
							all.add(details);
						}
					}
				}
				return all;
			});
		});
	}

	@Override
	public Mono<Void> addSockets(BroadcastOptions options, Set<String> rooms) {
		return publishThenApply(options, ClusterMessageType.SOCKETS_JOIN,
				(data) -> data.set("rooms", ClusterPayloads.strings(rooms)), () -> this.local.join(options, rooms));
	}

	@Override
	public Mono<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
		return publishThenApply(options, ClusterMessageType.SOCKETS_LEAVE,
				(data) -> data.set("rooms", ClusterPayloads.strings(rooms)), () -> this.local.leave(options, rooms));
	}

	@Override
	public Mono<Void> disconnectSockets(BroadcastOptions options, boolean close) {
		return publishThenApply(options, ClusterMessageType.DISCONNECT_SOCKETS, (data) -> data.put("close", close),
				() -> this.local.disconnect(options, close));
	}

	/** As Node.js: publish (and await it) first, then apply here, even when publishing failed. */
	private Mono<Void> publishThenApply(BroadcastOptions options, ClusterMessageType type,
			Consumer<ObjectNode> extra, Runnable local) {
		if (options.flags().local()) {
			local.run();
			return Mono.empty();
		}
		ObjectNode data = NODES.objectNode();
		data.set("opts", ClusterPayloads.options(options));
		extra.accept(data);
		return publish(message(type, data)).onErrorResume((ex) -> {
			onPublishError(ex);
			return Mono.empty();
		}).then(Mono.fromRunnable(local));
	}

	@Override
	public Mono<Void> serverSideEmit(ArrayNode packet) {
		ObjectNode data = NODES.objectNode();
		data.set("packet", packet);
		return publish(message(ClusterMessageType.SERVER_SIDE_EMIT, data)).then();
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode packet, Duration timeout) {
		return serverCount().flatMap((servers) -> {
			int expected = servers - 1;
			if (expected <= 0) {
				return Mono.just(List.<JsonNode>of());
			}
			ObjectNode data = NODES.objectNode();
			data.set("packet", packet);
			return request(ClusterMessageType.SERVER_SIDE_EMIT, data, expected, timeout)
				.map((responses) -> responses.stream().map((response) -> response.path("packet")).toList());
		});
	}

	// Connection state recovery: a transport with a durable log overrides these

	@Override
	public Mono<Void> persistSession(PersistedSession session) {
		return this.local.persistSession(session);
	}

	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		return this.local.restoreSession(pid, offset);
	}

	@Override
	public Mono<List<ArrayNode>> missedPackets(Set<String> rooms, String offset) {
		return this.local.missedPackets(rooms, offset);
	}

	// Publishing

	private ClusterMessage message(ClusterMessageType type, @Nullable ObjectNode data) {
		return new ClusterMessage(this.uid, this.context.namespace(), type, data);
	}

	private Mono<List<JsonNode>> request(ClusterMessageType type, ObjectNode data, int expected, Duration timeout) {
		return this.requests.request(data, expected, timeout, (withId) -> publish(message(type, withId)),
				() -> observer().requestTimedOut(type));
	}

	/** Publishes through the transport, reporting the outcome and its duration to the observer. */
	private Mono<String> publish(ClusterMessage message) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return doPublish(message)
				.doOnError((error) -> observer().published(message.type(), System.nanoTime() - start, false))
				.doOnSuccess((offset) -> observer().published(message.type(), System.nanoTime() - start, true));
		});
	}

	private void respond(String requesterUid, ClusterMessageType type, ObjectNode data) {
		ClusterMessage response = message(type, data);
		long start = System.nanoTime();
		doPublishResponse(requesterUid, response).subscribe(null, (error) -> {
			observer().published(type, System.nanoTime() - start, false);
			onPublishError(error);
		}, () -> observer().published(type, System.nanoTime() - start, true));
	}

}
