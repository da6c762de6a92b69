package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis misbehaving under a cluster of two Java nodes, on a Redis of the test's own that it kills (as a crash would,
 * losing everything: no persistence) and starts again on the same port. What each client received is counted.
 */
class RedisOutageTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int PER_PHASE = 100;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	/** Short timeouts: the first command after the crash waits at most this long. */
	private final RedisStreamsAdapterOptions options = TestRedis.options().requestTimeout(Duration.ofSeconds(2)).build();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger projectLogger = (Logger) LoggerFactory.getLogger("io.github.springsocketio");

	@BeforeEach
	void captureTheLog() {
		this.log.start();
		this.projectLogger.addAppender(this.log);
	}

	@AfterEach
	void releaseTheLog() {
		this.projectLogger.detachAppender(this.log);
	}

	@Test
	void broadcastsGoOnLocallyWhileRedisIsDownAndAcrossTheClusterOnceItIsBack() {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options));
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));

		// Redis up
		broadcast(a, 0, PER_PHASE);
		onB.await("n", PER_PHASE);

		// Redis down: the broadcasts still reach the publishing node's own clients
		this.redis.kill();
		broadcast(a, PER_PHASE, 2 * PER_PHASE);
		onA.await("n", 2 * PER_PHASE);
		assertThat(a.adapters().isAvailable()).isFalse();

		// Redis back, empty: the read loops resume, the subscriptions are renewed, the cluster works again
		this.redis.restart();
		Awaitility.await("Redis seen back by both nodes").atMost(TIMEOUT)
			.until(() -> a.adapters().isAvailable() && b.adapters().isAvailable());
		Awaitility.await("both nodes subscribed again").atMost(TIMEOUT)
			.until(() -> a.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		Awaitility.await("a broadcast crosses the cluster again").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
			.until(() -> {
				a.server().emit("probe");
				return !onB.events("probe").isEmpty();
			});
		broadcast(a, 2 * PER_PHASE, 3 * PER_PHASE);
		onB.await("n", 2 * PER_PHASE);
		onA.await("n", 3 * PER_PHASE);
		b.server().emit("from-b");
		onA.await("from-b");

		Map<Integer, Long> atA = counts(onA);
		Map<Integer, Long> atB = counts(onB);
		long duringOutageAtB = atB.keySet().stream().filter((n) -> n >= PER_PHASE && n < 2 * PER_PHASE).count();
		System.out.printf("Outage run: node a's client got %d broadcasts (%d distinct) of %d; node b's client got "
				+ "%d (%d distinct), %d of them sent while Redis was down; Redis errors seen by a: %d, by b: %d%n",
				onA.events("n").size(), atA.size(), 3 * PER_PHASE, onB.events("n").size(), atB.size(),
				duringOutageAtB, a.adapters().errorCount(), b.adapters().errorCount());
		assertThat(atA).as("every broadcast once at the publishing node").hasSize(3 * PER_PHASE)
			.allSatisfy((n, count) -> assertThat(count).isOne());
		assertThat(atB).as("no broadcast twice at the other node").allSatisfy((n, count) -> assertThat(count).isOne());
		assertThat(atB.keySet()).as("before and after the outage, every broadcast at the other node")
			.containsAll(IntStream.range(0, PER_PHASE).boxed().toList())
			.containsAll(IntStream.range(2 * PER_PHASE, 3 * PER_PHASE).boxed().toList());
		assertThat(duringOutageAtB).as("nothing is buffered and published after the outage").isZero();
		// the publishing node noticed; the other may not have: its blocked read was simply sent again on reconnection
		assertThat(lines(Level.WARN, "Lost Redis")).as("at most one line per node and outage").hasSizeBetween(1, 2);
		assertThat(lines(Level.INFO, "Redis is back")).hasSameSizeAs(lines(Level.WARN, "Lost Redis"));
		assertThat(this.log.list.stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)))
			.as("warnings, not one per broadcast").hasSizeLessThan(10);
	}

	@Test
	void aNodeStartedWhileRedisIsDownServesItsOwnClientsAndJoinsTheClusterWhenRedisIsBack() {
		this.redis.kill();
		ClusterNode a = this.resources.add(ClusterNode.startWithoutWaiting("a", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		onA.call("join", "room1");

		a.server().to("room1").emit("hello", 1);
		assertThat(onA.await("hello").args()).containsExactly(1);
		assertThat(a.server().fetchSockets().block(TIMEOUT)).hasSize(1);
		List<JsonNode> answers = a.server().serverSideEmitWithAck("ping").block(TIMEOUT);
		assertThat(answers).isEmpty();

		this.redis.restart();
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		Awaitility.await("a broadcast crosses the cluster").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
			.until(() -> {
				a.server().emit("probe");
				return !onB.events("probe").isEmpty();
			});
		b.server().emit("from-b");
		onA.await("from-b");
		// subscribed once Redis was back: its sockets answer the other node's requests
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT)
			.until(() -> b.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);
		assertThat(b.server().fetchSockets().block(TIMEOUT)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(onA.id(), onB.id());
	}

	@Test
	void clientsLostWhileRedisIsDownAreNotLoggedOneByOne() {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options,
				new ConnectionStateRecoveryOptions(Duration.ofSeconds(60), true)));
		NodePeer clients = this.resources.add(NodePeer.start());
		int count = 20;
		for (int i = 0; i < count; i++) {
			clients.call("connect", Map.of("name", "c" + i, "url", a.url()));
		}

		this.redis.kill();
		a.server().emit("noticed");
		Awaitility.await("outage noticed").atMost(TIMEOUT).until(() -> !a.adapters().isAvailable());
		for (int i = 0; i < count; i++) {
			// the transport is lost: a recoverable disconnection, whose session cannot be kept now
			clients.call("cutOff", Map.of("name", "c" + i));
		}
		Awaitility.await("sockets gone").atMost(TIMEOUT).until(() -> a.server().defaultNamespace().sockets().isEmpty());

		assertThat(this.log.list.stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)))
			.as("warnings for %d lost sockets", count)
			.hasSizeLessThan(5);
	}

	private static void broadcast(ClusterNode node, int from, int to) {
		for (int n = from; n < to; n++) {
			node.server().emit("n", n);
		}
	}

	private static Map<Integer, Long> counts(TestClient client) {
		return client.events("n").stream()
			.map((event) -> ((Number) event.arg(0)).intValue())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private List<ILoggingEvent> lines(Level level, String start) {
		return this.log.list.stream()
			.filter((event) -> event.getLevel() == level && event.getFormattedMessage().startsWith(start))
			.toList();
	}

}
