package io.github.springsocketio.adapter;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.AckTimeoutException;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.SocketDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An adapter for a cluster of server nodes, as Node.js's {@code ClusterAdapter}: every operation is applied locally
 * and published to the other nodes as a {@link ClusterMessage}; requests (fetching sockets, server-side emits with
 * acknowledgements, broadcasts with acknowledgements) are correlated with their responses here. A transport only
 * says how a message is published and delivers what it receives to {@link #onMessage}.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {

	private static final Log logger = LogFactory.getLog(ClusterAdapter.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** This adapter's id in cluster messages: 8 random bytes as 16 hex characters. */
	protected final String uid = randomId();

	private final Duration requestTimeout;

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

	/**
	 * @param context the namespace
	 * @param requestTimeout how long requests wait for the other nodes when no timeout is given
	 */
	protected ClusterAdapter(AdapterContext context, Duration requestTimeout) {
		super(context, false);
		this.requestTimeout = requestTimeout;
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

	/** Publishes through the transport, reporting the outcome and its duration to the observer. */
	private Mono<String> publish(ClusterMessage message) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return doPublish(message)
				.doOnError((error) -> observer().published(message.type(), System.nanoTime() - start, false))
				.doOnSuccess((offset) -> observer().published(message.type(), System.nanoTime() - start, true));
		});
	}

	protected ClusterMessage message(ClusterMessageType type, @Nullable ObjectNode data) {
		return new ClusterMessage(this.uid, this.context.namespace(), type, data);
	}

	// Operations started here

	/**
	 * Publishes the broadcast first, then delivers it locally, so local clients get the same offset as remote ones.
	 * If publishing fails the packet is still delivered here, without an offset.
	 */
	@Override
	public Mono<Void> broadcast(Packet packet, BroadcastOptions options) {
		if (options.flags().local()) {
			deliverLocally(packet, options);
			return Mono.empty();
		}
		ObjectNode data = NODES.objectNode();
		data.set("packet", ClusterPayloads.packet(packet));
		data.set("opts", ClusterPayloads.options(options));
		return publish(message(ClusterMessageType.BROADCAST, data))
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.onErrorResume((ex) -> {
				onPublishError(ex);
				return Mono.just(java.util.Optional.empty());
			})
			.doOnNext((offset) -> deliverLocally(withOffset(packet, options, offset.orElse(null)), options))
			.then();
	}

	private Packet withOffset(Packet packet, BroadcastOptions options, @Nullable String offset) {
		if (offset == null || this.context.recovery() == null || !isRecoverable(packet, options)) {
			return packet;
		}
		ArrayNode data = ((ArrayNode) packet.data()).deepCopy();
		data.add(offset);
		return new Packet(packet.type(), packet.namespace(), data, Packet.NO_ID);
	}

	@Override
	public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
			Consumer<JsonNode> ack) {
		if (!options.flags().local()) {
			String requestId = randomId();
			AckRequest request = new AckRequest(clientCount, ack);
			this.ackRequests.put(requestId, request);
			Duration timeout = (options.flags().timeout() != null) ? options.flags().timeout() : this.requestTimeout;
			request.expiry = Schedulers.parallel()
				.schedule(() -> this.ackRequests.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
			ObjectNode data = NODES.objectNode();
			data.set("packet", ClusterPayloads.packet(packet.withId(Packet.NO_ID)));
			data.put("requestId", requestId);
			data.set("opts", ClusterPayloads.options(options));
			publish(message(ClusterMessageType.BROADCAST, data)).subscribe(null, this::onPublishError);
		}
		clientCount.accept(broadcastWithAckLocally(packet, options, ack));
	}

	@Override
	public Mono<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
		List<SocketDetails> local = localSockets(options);
		if (options.flags().local()) {
			return Mono.just(local);
		}
		Duration timeout = (options.flags().timeout() != null) ? options.flags().timeout() : this.requestTimeout;
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
		return publishThenApply(options, ClusterMessageType.SOCKETS_JOIN, (data) -> data.set("rooms",
				ClusterPayloads.strings(rooms)), () -> addSocketsLocally(options, rooms));
	}

	@Override
	public Mono<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
		return publishThenApply(options, ClusterMessageType.SOCKETS_LEAVE, (data) -> data.set("rooms",
				ClusterPayloads.strings(rooms)), () -> delSocketsLocally(options, rooms));
	}

	@Override
	public Mono<Void> disconnectSockets(BroadcastOptions options, boolean close) {
		return publishThenApply(options, ClusterMessageType.DISCONNECT_SOCKETS, (data) -> data.put("close", close),
				() -> disconnectSocketsLocally(options, close));
	}

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

	/** Publishes a request and collects one response from each of {@code expected} nodes. */
	private Mono<List<JsonNode>> request(ClusterMessageType type, ObjectNode data, int expected, Duration timeout) {
		String requestId = randomId();
		data.put("requestId", requestId);
		PendingRequest request = new PendingRequest(expected);
		this.requests.put(requestId, request);
		publish(message(type, data)).subscribe(null, (ex) -> request.fail(ex));
		return request.result.asMono()
			.timeout(timeout, Mono.defer(() -> {
				observer().requestTimedOut(type);
				return Mono.error(request.timeoutError());
			}))
			.doFinally((signal) -> this.requests.remove(requestId));
	}

	// Messages from other nodes

	/**
	 * Handles a message from another node: applies it locally, answers requests, routes responses. Messages this
	 * adapter sent itself are ignored.
	 * @param message the message
	 * @param offset its offset in a durable log (the stream entry id), or {@code null}
	 */
	public void onMessage(ClusterMessage message, @Nullable String offset) {
		if (this.uid.equals(message.uid()) || !this.context.namespace().equals(message.nsp())) {
			return;
		}
		try {
			observer().received(message.type());
			handle(message, offset);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not handle cluster message " + message.type() + " from " + message.uid(), ex);
		}
	}

	private void handle(ClusterMessage message, @Nullable String offset) {
		switch (message.type()) {
			case BROADCAST -> onBroadcast(message, offset);
			case SOCKETS_JOIN -> addSocketsLocally(ClusterPayloads.options(message.get("opts")),
					ClusterPayloads.strings(message.get("rooms")));
			case SOCKETS_LEAVE -> delSocketsLocally(ClusterPayloads.options(message.get("opts")),
					ClusterPayloads.strings(message.get("rooms")));
			case DISCONNECT_SOCKETS -> {
				JsonNode close = message.get("close");
				disconnectSocketsLocally(ClusterPayloads.options(message.get("opts")),
						close != null && close.asBoolean(false));
			}
			case FETCH_SOCKETS -> onFetchSockets(message);
			case SERVER_SIDE_EMIT -> onServerSideEmit(message);
			case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE -> {
				String requestId = message.requestId();
				PendingRequest request = (requestId != null) ? this.requests.get(requestId) : null;
				if (request != null) {
					request.add(message.data());
				}
			}
			case BROADCAST_CLIENT_COUNT -> {
				AckRequest request = ackRequest(message);
				JsonNode count = message.get("clientCount");
				if (request != null && count != null && count.isNumber()) {
					request.clientCount.accept(count.intValue());
				}
			}
			case BROADCAST_ACK -> {
				AckRequest request = ackRequest(message);
				if (request != null) {
					JsonNode packet = message.get("packet");
					request.ack.accept((packet != null) ? packet : NODES.nullNode());
				}
			}
			default -> {
				// heartbeats and adapter closes belong to the legacy heartbeat variant
			}
		}
	}

	private @Nullable AckRequest ackRequest(ClusterMessage message) {
		String requestId = message.requestId();
		return (requestId != null) ? this.ackRequests.get(requestId) : null;
	}

	private void onBroadcast(ClusterMessage message, @Nullable String offset) {
		Packet packet = ClusterPayloads.packet(message.get("packet"), this.context.namespace());
		if (packet == null) {
			return;
		}
		BroadcastOptions options = ClusterPayloads.options(message.get("opts"));
		String requestId = message.requestId();
		if (requestId == null) {
			deliverLocally(withOffset(packet, options, offset), options);
			return;
		}
		Packet withLocalId = packet.withId(this.context.nextAckId());
		String requester = message.uid();
		int count = broadcastWithAckLocally(withLocalId, options, (ack) -> {
			ObjectNode data = NODES.objectNode().put("requestId", requestId);
			data.set("packet", ack);
			respond(requester, ClusterMessageType.BROADCAST_ACK, data);
		});
		respond(requester, ClusterMessageType.BROADCAST_CLIENT_COUNT,
				NODES.objectNode().put("requestId", requestId).put("clientCount", count));
	}

	private void onFetchSockets(ClusterMessage message) {
		String requestId = message.requestId();
		if (requestId == null) {
			return;
		}
		ArrayNode sockets = NODES.arrayNode();
		for (SocketDetails socket : localSockets(ClusterPayloads.options(message.get("opts")))) {
			sockets.add(ClusterPayloads.socket(socket, this.context.mapper()));
		}
		ObjectNode data = NODES.objectNode().put("requestId", requestId);
		data.set("sockets", sockets);
		respond(message.uid(), ClusterMessageType.FETCH_SOCKETS_RESPONSE, data);
	}

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
			respond(requester, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, data);
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

	/**
	 * Called when publishing fails; the operation still applies locally. Transports log once per outage.
	 * @param error the failure
	 */
	protected void onPublishError(Throwable error) {
		logger.debug("Publishing to the cluster failed", error);
	}

	static String randomId() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** A request waiting for one response from each other node. */
	private static final class PendingRequest {

		final Sinks.One<List<JsonNode>> result = Sinks.one();

		private final int expected;

		private final List<JsonNode> responses = new ArrayList<>();

		PendingRequest(int expected) {
			this.expected = expected;
		}

		synchronized void add(@Nullable ObjectNode response) {
			this.responses.add((response != null) ? response : NODES.objectNode());
			if (this.responses.size() >= this.expected) {
				this.result.tryEmitValue(List.copyOf(this.responses));
			}
		}

		void fail(Throwable error) {
			this.result.tryEmitError(error);
		}

		synchronized AckTimeoutException timeoutError() {
			List<JsonNode> packets = this.responses.stream().map((response) -> response.path("packet")).toList();
			return new AckTimeoutException("timeout reached: only " + this.responses.size()
					+ " responses received out of " + this.expected, packets);
		}

	}

	/** A broadcast with acknowledgements made here, waiting for other nodes' counts and answers. */
	private static final class AckRequest {

		final IntConsumer clientCount;

		final Consumer<JsonNode> ack;

		volatile @Nullable Disposable expiry;

		AckRequest(IntConsumer clientCount, Consumer<JsonNode> ack) {
			this.clientCount = clientCount;
			this.ack = ack;
		}

	}

}
