package io.github.springsocketio.adapter;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

import io.github.springsocketio.server.AckTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Correlates the requests this adapter sends to the other nodes with their responses: it gives each request an id,
 * counts the responses it expects, completes the request when they are all in and gives up after a timeout.
 */
public final class ClusterRequests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Duration defaultTimeout;

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

	/**
	 * @param defaultTimeout how long a request waits when the operation gives no timeout
	 */
	public ClusterRequests(Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
	}

	/**
	 * @param timeout the operation's timeout, or {@code null}
	 * @return that timeout, or the default one
	 */
	public Duration timeout(@Nullable Duration timeout) {
		return (timeout != null) ? timeout : this.defaultTimeout;
	}

	/**
	 * Adds a new request id to a request's data, publishes it at once and collects one response from each of
	 * {@code expected} nodes.
	 * @param data the request's data, given its {@code requestId} here
	 * @param expected how many responses complete the request
	 * @param timeout how long to wait for them
	 * @param publish publishes the request
	 * @param onTimeout called when the timeout is reached first
	 * @return the responses' data; an {@link AckTimeoutException} with the answers so far after the timeout, or the
	 * publishing error
	 */
	public Mono<List<JsonNode>> request(ObjectNode data, int expected, Duration timeout,
			Function<ObjectNode, Mono<?>> publish, Runnable onTimeout) {
		String requestId = randomId();
		data.put("requestId", requestId);
		PendingRequest request = new PendingRequest(expected);
		this.requests.put(requestId, request);
		publish.apply(data).subscribe(null, request::fail);
		return request.result.asMono().timeout(timeout, Mono.defer(() -> {
			onTimeout.run();
			return Mono.error(request.timeoutError());
		})).doFinally((signal) -> this.requests.remove(requestId));
	}

	/**
	 * Registers a broadcast with acknowledgements that other nodes answer with their client counts and their
	 * clients' acknowledgements; it is forgotten after its timeout.
	 * @param timeout how long answers are awaited
	 * @param clientCount called with each node's client count
	 * @param ack called with each client's acknowledgement
	 * @return the request id to publish with the broadcast
	 */
	public String registerAck(Duration timeout, IntConsumer clientCount, Consumer<JsonNode> ack) {
		String requestId = randomId();
		this.ackRequests.put(requestId, new AckRequest(clientCount, ack));
		Schedulers.parallel()
			.schedule(() -> this.ackRequests.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
		return requestId;
	}

	/**
	 * Hands a response to the request it answers; responses to unknown (or expired) requests are ignored.
	 * @param response a fetch-sockets or server-side-emit response, a client count or an acknowledgement
	 */
	public void onResponse(ClusterMessage response) {
		String requestId = response.requestId();
		if (requestId == null) {
			return;
		}
		switch (response.type()) {
			case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE -> {
				PendingRequest request = this.requests.get(requestId);
				if (request != null) {
					request.add(response.data());
				}
			}
			case BROADCAST_CLIENT_COUNT -> {
				AckRequest request = this.ackRequests.get(requestId);
				JsonNode count = response.get("clientCount");
				if (request != null && count != null && count.isNumber()) {
					request.clientCount.accept(count.intValue());
				}
			}
			case BROADCAST_ACK -> {
				AckRequest request = this.ackRequests.get(requestId);
				if (request != null) {
					JsonNode packet = response.get("packet");
					request.ack.accept((packet != null) ? packet : NODES.nullNode());
				}
			}
			default -> {
				// not a response
			}
		}
	}

	/** @return how many requests and broadcasts with acknowledgements still wait */
	int pendingCount() {
		return this.requests.size() + this.ackRequests.size();
	}

	/** @return 8 random bytes as 16 hex characters, the form of adapter and request ids */
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
	private record AckRequest(IntConsumer clientCount, Consumer<JsonNode> ack) {
	}

}
