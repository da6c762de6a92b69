package io.github.springsocketio.sample.memory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A node with a small heap keeps serving under a memory attack. The packaged sample application (profile
 * {@code interop}, default limits) runs as a separate JVM with {@code -Xmx256m} and
 * {@code -XX:+ExitOnOutOfMemoryError}, so an out-of-memory error ends it and fails the test. From 127.0.0.1 only,
 * bounded in connections and time:
 * <ol>
 * <li>50 connections each announce 10 attachments and send 9 binary messages of 990 KB: each is closed once its
 * packet would pass the 1 MB message limit;</li>
 * <li>160 connections each announce 10 attachments, send one of 990 KB and hold it: together they pass the default
 * budget (half the heap), and the node sheds the largest holders and refuses handshakes meanwhile.</li>
 * </ol>
 * Then the process is alive, its health answers, the shedding was counted, and once the attackers are gone a fresh
 * client connects and gets an acknowledgement. Run by failsafe after {@code package}.
 */
class MemoryBudgetIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration ATTACK_TIMEOUT = Duration.ofSeconds(180);

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	private static final byte[] ATTACHMENT = new byte[990_000];

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final ConcurrentLinkedQueue<AttackClient> attackers = new ConcurrentLinkedQueue<>();

	private Process node;

	private Path log;

	private Socket client;

	@AfterEach
	void stop() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		this.attackers.forEach(AttackClient::close);
		if (this.node != null) {
			this.node.destroy();
			if (!this.node.waitFor(30, TimeUnit.SECONDS)) {
				this.node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		if (this.log != null) {
			Files.deleteIfExists(this.log);
		}
	}

	@Test
	void aSmallHeapNodeShedsTheAttackAndServesOn() throws Exception {
		int port = start();
		long begin = System.nanoTime();

		Round oversized = attack(port, 50, 50, 9);
		assertThat(oversized.closed()).as("connections closed past the message limit").isEqualTo(50);
		Round held = attack(port, 160, 16, 1);
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);

		assertThat(this.node.isAlive()).as("the node survived:\n%s", logTail()).isTrue();
		HttpResponse<String> health = get(port, "/actuator/health");
		assertThat(health.statusCode()).isIn(200, 503);
		assertThat(JSON.readTree(health.body()).get("status").asString()).isIn("UP", "OUT_OF_SERVICE");
		double shed = meter(port, "engineio.memory.shed");
		assertThat(shed).as("sessions shed").isPositive();
		System.out.printf("memory attack: %d MB sent in %d s; oversized packets: %d closed; held packets: %d "
				+ "accepted, %d refused (503), %d shed; engineio.memory.shed=%.0f%n",
				(oversized.bytes() + held.bytes()) / 1_000_000, seconds, oversized.closed(), held.accepted(),
				held.refused(), held.closed(), shed);

		this.attackers.forEach(AttackClient::close);
		Awaitility.await("health UP once the attackers are gone")
			.atMost(Duration.ofSeconds(30))
			.until(() -> get(port, "/actuator/health").statusCode() == 200);
		assertThat(echoWithAck(port, "still serving")).isEqualTo("still serving");
		assertThat(this.node.isAlive()).isTrue();
	}

	/** What one round of the attack did. */
	record Round(int accepted, int refused, int closed, long bytes) {
	}

	/**
	 * Opens {@code connections} connections, {@code parallel} at a time; each announces 10 attachments and sends
	 * {@code sent} of them, and is kept open.
	 */
	private Round attack(int port, int connections, int parallel, int sent) throws Exception {
		AtomicInteger refused = new AtomicInteger();
		AtomicLong bytes = new AtomicLong();
		List<AttackClient> round = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			List<CompletableFuture<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				tasks.add(CompletableFuture.runAsync(() -> {
					try {
						AttackClient attacker = AttackClient.join(this.http, port);
						if (attacker == null) {
							refused.incrementAndGet();
							return;
						}
						this.attackers.add(attacker);
						synchronized (round) {
							round.add(attacker);
						}
						bytes.addAndGet(attacker.upload(10, sent, ATTACHMENT));
					}
					catch (Exception ex) {
						refused.incrementAndGet();
					}
				}, pool));
			}
			CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new))
				.get(ATTACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		if (sent > 1) {
			// each connection is closed at its second attachment; the close may trail the last send a little
			Awaitility.await("oversized packets closed").atMost(Duration.ofSeconds(30))
				.until(() -> round.stream().allMatch(AttackClient::isClosed));
		}
		int closed = (int) round.stream().filter(AttackClient::isClosed).count();
		return new Round(round.size(), refused.get(), closed, bytes.get());
	}

	private String echoWithAck(int port, String text) throws Exception {
		IO.Options options = IO.Options.builder()
			.setTransports(new String[] { WebSocket.NAME })
			.setReconnection(false)
			.build();
		this.client = IO.socket(URI.create("http://127.0.0.1:" + port + "/"), options);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		this.client.on(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		this.client.on(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(
				new IllegalStateException("connect error: " + ((args.length > 0) ? args[0] : ""))));
		this.client.connect();
		connected.get(20, TimeUnit.SECONDS);
		CompletableFuture<Object> answer = new CompletableFuture<>();
		this.client.emit("echo", new Object[] { text }, (Ack) (values) -> answer.complete(values[0]));
		return (String) answer.get(20, TimeUnit.SECONDS);
	}

	private double meter(int port, String name) throws Exception {
		JsonNode meter = JSON.readTree(get(port, "/actuator/metrics/" + name).body());
		return meter.get("measurements").get(0).get("value").asDouble();
	}

	private HttpResponse<String> get(int port, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new AssertionError("GET " + path + " failed", ex);
		}
	}

	private int start() throws Exception {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("The packaged sample application is missing (" + jar + "): this test runs with failsafe after "
					+ "'package' (./mvnw verify).");
		}
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		this.log = Files.createTempFile("sample-memory", ".log");
		this.node = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--spring.profiles.active=interop",
				"--server.port=0", "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher started = STARTED.matcher(Files.readString(this.log));
			if (started.find()) {
				return Integer.parseInt(started.group(1));
			}
			if (!this.node.isAlive()) {
				fail("The sample application exited at start:\n" + Files.readString(this.log));
			}
			this.node.waitFor(100, TimeUnit.MILLISECONDS);
		}
		return fail("The sample application did not start within " + START_TIMEOUT + ":\n" + logTail());
	}

	private String logTail() {
		try {
			String text = Files.readString(this.log);
			return text.substring(Math.max(0, text.length() - 4_000));
		}
		catch (Exception ex) {
			return "";
		}
	}

}
