package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springsocketio.server.AckTimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests to the other nodes: each gets a new 16-hex id, completes once every expected node answered, and fails
 * after its timeout with the answers so far; broadcasts with acknowledgements route counts and answers by id.
 */
class ClusterRequestsTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Duration LONG = Duration.ofSeconds(10);

	private final ClusterRequests requests = new ClusterRequests(Duration.ofSeconds(5));

	private final List<ObjectNode> published = new ArrayList<>();

	@Test
	void aRequestIsPublishedWithANewIdAndCompletesWithOneResponseFromEachExpectedNode() {
		Mono<List<JsonNode>> result = this.requests.request(NODES.objectNode(), 2, LONG, this::publish, () -> {
		});
		String requestId = this.published.get(0).get("requestId").stringValue();
		assertThat(requestId).matches("[0-9a-f]{16}");

		StepVerifier.create(result)
			.then(() -> this.requests.onResponse(response(ClusterMessageType.FETCH_SOCKETS_RESPONSE, requestId, "a")))
			.then(() -> this.requests.onResponse(response(ClusterMessageType.FETCH_SOCKETS_RESPONSE, requestId, "b")))
			.assertNext((responses) -> assertThat(responses).extracting((r) -> r.get("packet").stringValue())
				.containsExactly("a", "b"))
			.verifyComplete();
		assertThat(this.requests.pendingCount()).isZero();
	}

	@Test
	void everyRequestGetsItsOwnId() {
		this.requests.request(NODES.objectNode(), 1, LONG, this::publish, () -> {
		});
		this.requests.request(NODES.objectNode(), 1, LONG, this::publish, () -> {
		});

		assertThat(this.published.get(0).get("requestId")).isNotEqualTo(this.published.get(1).get("requestId"));
	}

	@Test
	void aRequestThatMissesAResponseFailsAfterItsTimeoutWithTheAnswersSoFar() {
		AtomicBoolean timedOut = new AtomicBoolean();
		// long enough for the one response to come first, also on a busy machine
		Mono<List<JsonNode>> result = this.requests.request(NODES.objectNode(), 2, Duration.ofSeconds(1),
				this::publish, () -> timedOut.set(true));
		String requestId = this.published.get(0).get("requestId").stringValue();

		StepVerifier.create(result)
			.then(() -> this.requests
				.onResponse(response(ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, requestId, "pong")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(AckTimeoutException.class)
					.hasMessage("timeout reached: only 1 responses received out of 2");
				assertThat(((AckTimeoutException) error).responses()).extracting(JsonNode::stringValue)
					.containsExactly("pong");
			})
			.verify(LONG);
		assertThat(timedOut).isTrue();
		assertThat(this.requests.pendingCount()).isZero();
	}

	@Test
	void aRequestThatCannotBePublishedFailsAtOnce() {
		IllegalStateException failure = new IllegalStateException("down");

		StepVerifier.create(this.requests.request(NODES.objectNode(), 1, LONG, (data) -> Mono.error(failure), () -> {
		})).expectErrorMatches((error) -> error == failure).verify(LONG);
	}

	@Test
	void responsesToUnknownRequestsAreIgnored() {
		this.requests.onResponse(response(ClusterMessageType.FETCH_SOCKETS_RESPONSE, "0000000000000000", "x"));
		this.requests.onResponse(new ClusterMessage("other", "/", ClusterMessageType.BROADCAST_ACK, null));

		assertThat(this.requests.pendingCount()).isZero();
	}

	@Test
	void aBroadcastWithAcknowledgementsReceivesEachNodesCountAndEachClientsAnswer() {
		List<Integer> counts = new ArrayList<>();
		List<JsonNode> acks = new ArrayList<>();
		String requestId = this.requests.registerAck(LONG, counts::add, acks::add);

		this.requests.onResponse(new ClusterMessage("other", "/", ClusterMessageType.BROADCAST_CLIENT_COUNT,
				NODES.objectNode().put("requestId", requestId).put("clientCount", 2)));
		this.requests.onResponse(response(ClusterMessageType.BROADCAST_ACK, requestId, "first"));
		this.requests.onResponse(new ClusterMessage("other", "/", ClusterMessageType.BROADCAST_ACK,
				NODES.objectNode().put("requestId", requestId)));

		assertThat(counts).containsExactly(2);
		assertThat(acks).extracting(JsonNode::toString).containsExactly("\"first\"", "null");
	}

	@Test
	void aBroadcastWithAcknowledgementsIsForgottenAfterItsTimeout() {
		this.requests.registerAck(Duration.ofMillis(20), (count) -> {
		}, (ack) -> {
		});

		Awaitility.await().atMost(LONG).until(() -> this.requests.pendingCount() == 0);
	}

	@Test
	void theOperationsTimeoutWinsOverTheDefault() {
		assertThat(this.requests.timeout(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.requests.timeout(null)).isEqualTo(Duration.ofSeconds(5));
	}

	private Mono<Void> publish(ObjectNode data) {
		this.published.add(data);
		return Mono.empty();
	}

	private static ClusterMessage response(ClusterMessageType type, String requestId, String packet) {
		return new ClusterMessage("other", "/", type, NODES.objectNode().put("requestId", requestId).put("packet", packet));
	}

}
