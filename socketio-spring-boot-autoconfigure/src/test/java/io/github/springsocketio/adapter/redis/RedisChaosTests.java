package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.testing.Resources;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis paused ({@code CLIENT PAUSE}), asleep ({@code DEBUG SLEEP}) or killed and restarted empty while two Java
 * nodes broadcast, recover a session and fetch each other's sockets. Whatever happens, errors stay bounded (the API's
 * Monos end within their timeout, nothing logs at ERROR, no exception reaches an event loop), the read loops are not
 * wedged (broadcasts cross the cluster again within seconds), and what Redis accepted arrives exactly once.
 */
class RedisChaosTests {

	/** How long each fault lasts. */
	private static final Duration FAULT = Duration.ofMillis(1500);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	/** The bound on anything after Redis is back: "within a few seconds". */
	private static final Duration BACK_WITHIN = Duration.ofSeconds(10);

	private static final Pattern NUMBERED = Pattern.compile("\"data\":\\[\"(\\w+)\",(\\d+)");

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start(List.of("--enable-debug-command", "local")));

	private final RedisStreamsAdapterOptions options = TestRedis.options().requestTimeout(REQUEST_TIMEOUT).build();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger rootLogger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	/** How Redis fails; each lasts {@link #FAULT}, then Redis answers again. */
	enum Fault {

		CLIENT_PAUSE(true), DEBUG_SLEEP(true), KILL_AND_RESTART(false);

		/** Whether what Redis accepted before and during the fault is still there afterwards. */
		final boolean keepsData;

		Fault(boolean keepsData) {
			this.keepsData = keepsData;
		}

	}

	/** A fault under way. */
	private final class Outage {

		private final Fault fault;

		private final long endsAt;

		private final CompletableFuture<?> sleeping;

		Outage(Fault fault) {
			this.fault = fault;
			this.endsAt = System.nanoTime() + FAULT.toNanos();
			this.sleeping = switch (fault) {
				case CLIENT_PAUSE -> {
					RedisChaosTests.this.redis.commands((redis) -> redis.clientPause(FAULT.toMillis()));
					yield CompletableFuture.completedFuture(null);
				}
				case DEBUG_SLEEP -> CompletableFuture.runAsync(() -> RedisChaosTests.this.redis
					.commands((redis) -> redis.dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
							new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(FAULT.toMillis() / 1000.0))));
				case KILL_AND_RESTART -> {
					RedisChaosTests.this.redis.kill();
					yield CompletableFuture.completedFuture(null);
				}
			};
		}

		/** Calls {@code action} with 0, 1, 2... every few milliseconds until the fault's time is up. */
		int during(IntConsumer action) {
			int[] next = { 0 };
			Awaitility.await("the fault's time").atMost(FAULT.multipliedBy(4)).pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(25)).until(() -> {
					action.accept(next[0]++);
					return System.nanoTime() >= this.endsAt;
				});
			return next[0];
		}

		/** Ends the fault: Redis answers again. */
		void end() {
			if (this.fault == Fault.KILL_AND_RESTART) {
				RedisChaosTests.this.redis.restart();
			}
			this.sleeping.orTimeout(10, TimeUnit.SECONDS).join();
			// a PING waits behind the pause or the sleep
			RedisChaosTests.this.redis.commands((redis) -> redis.ping());
		}

	}

	@BeforeEach
	void captureTheLog() {
		this.log.start();
		this.rootLogger.addAppender(this.log);
	}

	@AfterEach
	void releaseTheLog() {
		this.rootLogger.detachAppender(this.log);
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void broadcastsAcceptedByRedisArriveOnceAndTheReadLoopsResume(Fault fault) {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options));
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		int before = 20;
		IntStream.range(0, before).forEach((n) -> a.server().emit("n", n));
		onB.await("n", before);

		Outage outage = new Outage(fault);
		int sent = before + outage.during((n) -> a.server().emit("n", before + n));
		outage.end();

		awaitCrossing(a, onB, "probe-a");
		awaitCrossing(b, onA, "probe-b");
		int total = sent + 20;
		IntStream.range(sent, total).forEach((n) -> a.server().emit("n", n));
		onA.await("n", total);
		Awaitility.await("the broadcasts after the fault at b").atMost(BACK_WITHIN)
			.until(() -> counts(onB, "n").keySet().containsAll(range(sent, total)));
		Set<Integer> inStream = numbersInStream("n");
		if (fault.keepsData) {
			Awaitility.await("every broadcast Redis accepted at b").atMost(BACK_WITHIN)
				.until(() -> counts(onB, "n").keySet().containsAll(inStream));
		}

		assertThat(counts(onA, "n")).as("every broadcast once at the publishing node").hasSize(total)
			.allSatisfy((n, count) -> assertThat(count).isOne());
		Map<Integer, Long> atB = counts(onB, "n");
		assertThat(atB).as("no broadcast twice at the other node").allSatisfy((n, count) -> assertThat(count).isOne());
		assertThat(atB.keySet()).containsAll(range(0, before)).containsAll(range(sent, total));
		if (fault.keepsData) {
			assertThat(atB.keySet()).as("exactly what Redis accepted").isEqualTo(inStream);
		}
		System.out.printf("%s: %d broadcasts, %d during the fault, %d of them accepted by Redis; b got %d%n", fault,
				total, sent - before, atB.keySet().stream().filter((n) -> n >= before && n < sent).count(), atB.size());
		assertQuiet();
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void aSessionRecoveredAfterTheFaultGetsTheBroadcastsRedisAccepted(Fault fault) {
		ConnectionStateRecoveryOptions recovery = new ConnectionStateRecoveryOptions(Duration.ofSeconds(60), true);
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options, recovery));
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options, recovery));
		NodePeer clients = this.resources.add(NodePeer.start());
		String id = clients.call("connect", Map.of("name", "js", "url", a.url())).get("id").asString();
		clients.call("clientEmit", Map.of("name", "js", "event", "join", "args", List.of("room1"), "ack", true));
		a.server().to(id).emit("welcome");
		Awaitility.await("an offset").atMost(BACK_WITHIN).until(() -> !events(clients, "welcome").isEmpty());
		String pid = clients.call("cutOff", Map.of("name", "js")).get("pid").asString();
		Awaitility.await("session kept").atMost(BACK_WITHIN).until(() -> this.redis
			.commands((redis) -> redis.exists(this.options.sessionKeyPrefix() + pid)) == 1);

		Outage outage = new Outage(fault);
		outage.during((n) -> b.server().to("room1").emit("missed", n));
		outage.end();
		Awaitility.await("Redis seen back").atMost(BACK_WITHIN)
			.until(() -> a.adapters().isAvailable() && b.adapters().isAvailable());
		JsonNode back = clients.call("reconnect", Map.of("name", "js", "url", b.url()));

		if (fault.keepsData) {
			assertThat(back.get("id").asString()).isEqualTo(id);
			assertThat(back.get("recovered").asBoolean()).isTrue();
			Set<Integer> inStream = numbersInStream("missed");
			Awaitility.await("the missed broadcasts").atMost(BACK_WITHIN)
				.until(() -> events(clients, "missed").size() >= inStream.size());
			List<Integer> missed = events(clients, "missed").stream().map((args) -> args.get(0).asInt()).toList();
			assertThat(missed).as("what Redis accepted, once each, in order").containsExactlyElementsOf(
					inStream.stream().sorted().toList());
			System.out.printf("%s: recovered with %d missed broadcasts%n", fault, missed.size());
		}
		else {
			assertThat(back.get("recovered").asBoolean()).as("the session died with Redis").isFalse();
		}
		b.server().emit("after");
		Awaitility.await("live broadcasts again").atMost(BACK_WITHIN).until(() -> !events(clients, "after").isEmpty());
		assertQuiet();
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void fetchSocketsEndsWithinItsTimeoutDuringTheFaultAndSpansTheClusterAfterIt(Fault fault) {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options));
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options));
		TestClient onA = this.resources.add(TestClient.connect(a.url(), "/"));
		TestClient onB = this.resources.add(TestClient.connect(b.url(), "/"));
		Awaitility.await("both nodes subscribed").atMost(BACK_WITHIN).until(() -> ids(a).size() == 2);

		Outage outage = new Outage(fault);
		long longest = 0;
		for (ClusterNode node : List.of(a, b, a)) {
			long start = System.nanoTime();
			CompletableFuture<List<RemoteSocket>> fetched = node.server().fetchSockets().toFuture();
			Awaitility.await("fetchSockets on " + node.id() + " ends").atMost(REQUEST_TIMEOUT.multipliedBy(3))
				.until(fetched::isDone);
			longest = Math.max(longest, System.nanoTime() - start);
			if (!fetched.isCompletedExceptionally()) {
				assertThat(fetched.join()).extracting(RemoteSocket::id).contains(node == a ? onA.id() : onB.id());
			}
		}
		outage.end();

		Awaitility.await("fetchSockets spans the cluster again").atMost(BACK_WITHIN)
			.until(() -> ids(a).equals(Set.of(onA.id(), onB.id())) && ids(b).equals(Set.of(onA.id(), onB.id())));
		System.out.printf("%s: the longest fetchSockets during the fault took %d ms%n", fault,
				TimeUnit.NANOSECONDS.toMillis(longest));
		assertQuiet();
	}

	/** Sends the event from the node until the client has it, at most {@link #BACK_WITHIN}. */
	private static void awaitCrossing(ClusterNode from, TestClient to, String event) {
		Awaitility.await("'" + event + "' crosses the cluster").atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
			.until(() -> {
				from.server().emit(event);
				return !to.events(event).isEmpty();
			});
	}

	private static Set<String> ids(ClusterNode node) {
		try {
			return node.server().fetchSockets().block(REQUEST_TIMEOUT.multipliedBy(3)).stream().map(RemoteSocket::id)
				.collect(Collectors.toSet());
		}
		catch (RuntimeException ex) {
			return Set.of();
		}
	}

	/** The numbers of the stream's {@code [event, n]} broadcasts: what Redis accepted. */
	private Set<Integer> numbersInStream(String event) {
		List<StreamMessage<String, String>> entries = this.redis
			.commands((redis) -> redis.xrange(this.options.streamName(), Range.create("-", "+")));
		return entries.stream()
			.map((entry) -> NUMBERED.matcher(entry.getBody().getOrDefault("data", "")))
			.filter((matcher) -> matcher.find() && matcher.group(1).equals(event))
			.map((matcher) -> Integer.parseInt(matcher.group(2)))
			.collect(Collectors.toSet());
	}

	private static Map<Integer, Long> counts(TestClient client, String event) {
		return client.events(event).stream()
			.map((received) -> ((Number) received.arg(0)).intValue())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static List<JsonNode> events(NodePeer clients, String event) {
		return clients.call("events", Map.of("name", "js")).valueStream()
			.filter((received) -> received.get("event").asString().equals(event))
			.map((received) -> received.get("args"))
			.toList();
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.range(from, to).boxed().toList();
	}

	/** Nothing at ERROR from anyone, nothing from the networking libraries (an exception on an event loop). */
	private void assertQuiet() {
		assertThat(this.log.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)
				|| (event.getLevel().isGreaterOrEqual(Level.WARN) && (event.getLoggerName().startsWith("io.netty")
						|| event.getLoggerName().startsWith("reactor"))))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
		assertThat(this.log.list).filteredOn((event) -> event.getFormattedMessage().startsWith("Lost Redis"))
			.as("one line per node and outage at most")
			.hasSizeLessThanOrEqualTo(2);
	}

}
