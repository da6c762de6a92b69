package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.adapter.ClusterRequests;
import io.github.springsocketio.adapter.InMemoryAdapter;
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
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Redis PUB/SUB adapter of one namespace, wire-compatible with {@code @socket.io/redis-adapter} 8
 * ({@code createAdapter}): broadcasts are published on the namespace's (or the single room's) channel, the other
 * operations are requests on the request channel answered on the response channels, and the server count is the
 * request channel's subscriber count. Operations are applied to this node's sockets through an
 * {@link InMemoryAdapter}; other nodes' requests are answered by a {@link RedisAdapterRequestHandler}. There is no
 * connection state recovery across nodes, as with the Node.js adapter.
 */
final class RedisAdapter implements Adapter {

	private static final Log logger = LogFactory.getLog(RedisAdapter.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final AdapterContext context;

	private final RedisAdapterFactory cluster;

	private final String uid = RedisAdapterIds.uid();

	private final RedisAdapterChannels channels;

	private final InMemoryAdapter local;

	private final ClusterRequests requests;

	private final RedisAdapterRequestHandler handler;

	private @Nullable Disposable subscription;

	RedisAdapter(AdapterContext context, RedisAdapterFactory cluster) {
		this.context = context;
		this.cluster = cluster;
		this.channels = new RedisAdapterChannels(cluster.options().key(), context.namespace(), this.uid);
		this.local = new InMemoryAdapter(context);
		this.requests = new ClusterRequests(cluster.options().requestTimeout());
		this.handler = new RedisAdapterRequestHandler(this.uid, context, this.local, cluster.codec(), this::respond);
	}

	/** @return this adapter's id, 6 URL-safe characters as Node's */
	String uid() {
		return this.uid;
	}

	RedisAdapterChannels channels() {
		return this.channels;
	}

	@Override
	public void init() {
		this.local.init();
		// one pattern and exactly one subscription of the request channel per node: Node.js counts servers by it
		this.subscription = this.cluster.subscribe(this.channels.broadcastPattern(),
				List.of(this.channels.request(), this.channels.response(), this.channels.ownResponse()),
				this::onMessage);
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		this.local.close();
	}

	// What other nodes publish

	private void onMessage(String channel, byte[] body) {
		if (channel.equals(this.channels.request())) {
			ObjectNode request = this.cluster.codec().decode(body);
			ClusterMessageType type = (request != null) ? this.handler.handle(request) : null;
			if (type != null) {
				this.cluster.observer().received(type);
			}
		}
		else if (channel.startsWith(this.channels.response())) {
			onResponse(body);
		}
		else {
			onBroadcast(channel, body);
		}
	}

	/** As Node.js: a room channel for a room with no member here is skipped before decoding. */
	private void onBroadcast(String channel, byte[] body) {
		String room = this.channels.roomOf(channel);
		if (room == null || (!room.isEmpty() && this.local.roomSize(room) == 0)) {
			return;
		}
		RedisAdapterCodec.Broadcast broadcast = this.cluster.codec().decodeBroadcast(body);
		if (broadcast == null || broadcast.uid().equals(this.uid)
				|| !broadcast.namespace().equals(this.context.namespace())) {
			return;
		}
		Packet packet = ClusterPayloads.packet(broadcast.packet(), this.context.namespace());
		if (packet == null) {
			return;
		}
		this.cluster.observer().received(ClusterMessageType.BROADCAST);
		this.local.broadcast(packet.withId(Packet.NO_ID), ClusterPayloads.options(broadcast.options()));
	}

	/** Responses carry only a request id; those to requests not made here (or timed out) are ignored. */
	private void onResponse(byte[] body) {
		ObjectNode response = this.cluster.codec().decode(body);
		if (response == null || !response.path("requestId").isString()) {
			return;
		}
		int type = response.path("type").asInt(-1);
		ClusterMessageType as;
		ObjectNode data = response;
		switch (type) {
			case RedisAdapterRequestHandler.BROADCAST_CLIENT_COUNT -> as = ClusterMessageType.BROADCAST_CLIENT_COUNT;
			case RedisAdapterRequestHandler.BROADCAST_ACK -> as = ClusterMessageType.BROADCAST_ACK;
			case RedisAdapterRequestHandler.SERVER_SIDE_EMIT -> {
				as = ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE;
				data = NODES.objectNode().put("requestId", response.get("requestId").stringValue());
				data.set("packet", response.path("data"));
			}
			default -> as = ClusterMessageType.FETCH_SOCKETS_RESPONSE;
		}
		this.requests.onResponse(new ClusterMessage(this.uid, this.context.namespace(), as, data));
	}

	private void respond(@Nullable String requesterUid, byte[] body, boolean shared) {
		String channel = (!shared && requesterUid != null && this.cluster.options().publishOnSpecificResponseChannel())
				? this.channels.response(requesterUid) : this.channels.response();
		publish(channel, body, ClusterMessageType.FETCH_SOCKETS_RESPONSE).subscribe(null, this::onPublishError);
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

	/** Published on the single room's channel when there is exactly one room, else on the namespace's channel. */
	@Override
	public Mono<Void> broadcast(Packet packet, BroadcastOptions options) {
		if (options.flags().local()) {
			return this.local.broadcast(packet, options);
		}
		String channel = (options.rooms().size() == 1) ? this.channels.room(options.rooms().iterator().next())
				: this.channels.broadcast();
		byte[] body = this.cluster.codec().broadcast(this.uid, packet, options);
		return publish(channel, body, ClusterMessageType.BROADCAST).onErrorResume((error) -> {
			onPublishError(error);
			return Mono.empty();
		}).then(Mono.defer(() -> this.local.broadcast(packet, options)));
	}

	@Override
	public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
			Consumer<JsonNode> ack) {
		if (!options.flags().local()) {
			String requestId = this.requests.registerAck(this.requests.timeout(options.flags().timeout()), clientCount,
					ack);
			ObjectNode request = NODES.objectNode()
				.put("uid", this.uid)
				.put("requestId", requestId)
				.put("type", RedisAdapterRequestHandler.BROADCAST);
			request.set("packet", this.cluster.codec().packet(packet));
			request.set("opts", ClusterPayloads.options(options));
			publish(this.channels.request(), this.cluster.codec().msgpack(request), ClusterMessageType.BROADCAST)
				.subscribe(null, this::onPublishError);
		}
		clientCount.accept(this.local.deliverWithAck(packet, options, ack));
	}

	/** As Node.js: the subscribers of the request channel, at least this node. */
	@Override
	public Mono<Integer> serverCount() {
		return this.cluster.commands()
			.subscriberCount(this.channels.request())
			.map((count) -> (int) Math.max(count, 1))
			.onErrorReturn(1);
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
			ObjectNode request = request(RedisAdapterRequestHandler.REMOTE_FETCH);
			request.set("opts", targeting(options));
			return request(request, expected, timeout, ClusterMessageType.FETCH_SOCKETS).map((responses) -> {
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
		ObjectNode request = request(RedisAdapterRequestHandler.REMOTE_JOIN);
		request.set("opts", targeting(options));
		request.set("rooms", ClusterPayloads.strings(rooms));
		return publishThenApply(options, request, ClusterMessageType.SOCKETS_JOIN, () -> this.local.join(options, rooms));
	}

	@Override
	public Mono<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
		ObjectNode request = request(RedisAdapterRequestHandler.REMOTE_LEAVE);
		request.set("opts", targeting(options));
		request.set("rooms", ClusterPayloads.strings(rooms));
		return publishThenApply(options, request, ClusterMessageType.SOCKETS_LEAVE,
				() -> this.local.leave(options, rooms));
	}

	@Override
	public Mono<Void> disconnectSockets(BroadcastOptions options, boolean close) {
		ObjectNode request = request(RedisAdapterRequestHandler.REMOTE_DISCONNECT);
		request.set("opts", targeting(options));
		request.put("close", close);
		return publishThenApply(options, request, ClusterMessageType.DISCONNECT_SOCKETS,
				() -> this.local.disconnect(options, close));
	}

	/**
	 * Publishes, then applies here at once: a Node.js node applies its own request when it comes back from Redis,
	 * this adapter skips its own requests instead.
	 */
	private Mono<Void> publishThenApply(BroadcastOptions options, ObjectNode request, ClusterMessageType type,
			Runnable local) {
		if (options.flags().local()) {
			local.run();
			return Mono.empty();
		}
		return publish(this.channels.request(), this.cluster.codec().json(request), type).onErrorResume((error) -> {
			onPublishError(error);
			return Mono.empty();
		}).then(Mono.fromRunnable(local));
	}

	@Override
	public Mono<Void> serverSideEmit(ArrayNode packet) {
		ObjectNode request = request(RedisAdapterRequestHandler.SERVER_SIDE_EMIT);
		request.set("data", packet);
		return publish(this.channels.request(), this.cluster.codec().json(request),
				ClusterMessageType.SERVER_SIDE_EMIT);
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode packet, Duration timeout) {
		return serverCount().flatMap((servers) -> {
			int expected = servers - 1;
			if (expected <= 0) {
				return Mono.just(List.<JsonNode>of());
			}
			ObjectNode request = request(RedisAdapterRequestHandler.SERVER_SIDE_EMIT);
			request.set("data", packet);
			return request(request, expected, timeout, ClusterMessageType.SERVER_SIDE_EMIT)
				.map((responses) -> responses.stream().map((response) -> response.path("packet")).toList());
		});
	}

	/** The Node.js adapter keeps no sessions: connection state recovery is not supported by this adapter. */
	@Override
	public Mono<Void> persistSession(PersistedSession session) {
		return Mono.empty();
	}

	/** The Node.js adapter keeps no sessions: every recovery attempt gets a new session. */
	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		return Mono.empty();
	}

	// Publishing

	private ObjectNode request(int type) {
		return NODES.objectNode().put("uid", this.uid).put("type", type);
	}

	/** {@code {rooms, except}}: the targeting of requests, without flags, as Node.js sends it. */
	private static ObjectNode targeting(BroadcastOptions options) {
		ObjectNode opts = NODES.objectNode();
		opts.set("rooms", ClusterPayloads.strings(options.rooms()));
		opts.set("except", ClusterPayloads.strings(options.except()));
		return opts;
	}

	private Mono<List<JsonNode>> request(ObjectNode request, int expected, Duration timeout, ClusterMessageType type) {
		return this.requests.request(request, expected, timeout,
				(withId) -> publish(this.channels.request(), this.cluster.codec().json(withId), type),
				() -> this.cluster.observer().requestTimedOut(type));
	}

	/** Publishes, reporting the outcome and its duration to the observer. */
	private Mono<Void> publish(String channel, byte[] body, ClusterMessageType type) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.cluster.commands()
				.publish(channel, body)
				.doOnError((error) -> this.cluster.observer().published(type, System.nanoTime() - start, false))
				.doOnSuccess((receivers) -> this.cluster.observer().published(type, System.nanoTime() - start, true))
				.then();
		});
	}

	private void onPublishError(Throwable error) {
		logger.debug("Publishing to Redis failed (" + error.getMessage() + ")");
	}

}
