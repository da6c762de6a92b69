package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledgements of a broadcast, from every client on every node: complete once every node reported how many
 * clients it sent to and that many answers came; at the deadline, an {@link AckTimeoutException} says what is
 * missing and holds the answers so far.
 */
class AckAggregatorTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private static final Duration SHORT = Duration.ofMillis(50);

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void completesWithTheAnswersOnceEveryNodeReportedAndEveryClientAnswered() {
		AckAggregator aggregator = new AckAggregator(LONG);
		aggregator.onServerCount(2);
		aggregator.onClientCount(1);
		aggregator.onAck(answer("a"));
		aggregator.onClientCount(2);
		aggregator.onAck(answer("b"));
		assertPending(aggregator);

		aggregator.onAck(answer("c"));

		StepVerifier.create(aggregator.result())
			.expectNext(List.of(answer("a"), answer("b"), answer("c")))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void waitsForTheServerCountEvenWhenTheAnswersCameFirst() {
		AckAggregator aggregator = new AckAggregator(LONG);
		aggregator.onClientCount(1);
		aggregator.onAck(answer("a"));
		assertPending(aggregator);

		aggregator.onServerCount(1);

		StepVerifier.create(aggregator.result()).expectNext(List.of(answer("a"))).expectComplete().verify(WAIT);
	}

	@Test
	void waitsForEveryNodeToReportItsClientCount() {
		AckAggregator aggregator = new AckAggregator(LONG);
		aggregator.onServerCount(2);
		aggregator.onClientCount(0);
		assertPending(aggregator);

		aggregator.onClientCount(0);

		StepVerifier.create(aggregator.result()).expectNext(List.of()).expectComplete().verify(WAIT);
	}

	@Test
	void countsThisNodeEvenWhenTheServerCountSaysNone() {
		AckAggregator aggregator = new AckAggregator(LONG);
		aggregator.onServerCount(0);
		assertPending(aggregator);

		aggregator.onClientCount(0);

		StepVerifier.create(aggregator.result()).expectNext(List.of()).expectComplete().verify(WAIT);
	}

	@Test
	void atTheDeadlineFailsNamingTheMissingAnswersAndHoldingThoseThatCame() {
		AckAggregator aggregator = new AckAggregator(SHORT);
		aggregator.onServerCount(1);
		aggregator.onClientCount(3);
		aggregator.onAck(answer("a"));

		StepVerifier.create(aggregator.result()).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(AckTimeoutException.class)
				.hasMessage("operation has timed out: 2 of 3 acknowledgements missing");
			assertThat(((AckTimeoutException) error).responses()).containsExactly(answer("a"));
		}).verify(WAIT);
	}

	@Test
	void atTheDeadlineNamesTheNodesThatDidNotReport() {
		AckAggregator aggregator = new AckAggregator(SHORT);
		aggregator.onServerCount(3);
		aggregator.onClientCount(0);

		StepVerifier.create(aggregator.result())
			.expectErrorMessage(
					"operation has timed out: 0 of 0 acknowledgements missing, 2 of 3 servers did not report")
			.verify(WAIT);
	}

	@Test
	void atTheDeadlineSaysWhenTheServerCountNeverCame() {
		AckAggregator aggregator = new AckAggregator(SHORT);

		StepVerifier.create(aggregator.result())
			.expectErrorMessage("operation has timed out: 0 of 0 acknowledgements missing, server count unknown")
			.verify(WAIT);
	}

	@Test
	void answersAfterCompletionChangeNothing() {
		AckAggregator aggregator = new AckAggregator(LONG);
		aggregator.onServerCount(1);
		aggregator.onClientCount(0);

		aggregator.onAck(answer("late"));

		StepVerifier.create(aggregator.result()).expectNext(List.of()).expectComplete().verify(WAIT);
	}

	/** Nothing yet: the result neither completed nor failed. */
	private static void assertPending(AckAggregator aggregator) {
		StepVerifier.create(aggregator.result()).expectSubscription().expectNoEvent(SHORT).thenCancel().verify(WAIT);
	}

	private static JsonNode answer(String value) {
		return JsonNodeFactory.instance.stringNode(value);
	}

}
