package io.github.springsocketio.sample.cluster;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.engineio.client.transports.WebSocket;
import org.awaitility.Awaitility;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two nodes of the packaged sample application ({@code java -jar}, profiles {@code interop,cluster}) as separate
 * processes on one real Redis, driven by the official Java client through the interop contract's events. Run by
 * failsafe after {@code package}, which passes the jar's path as {@code sample.jar}. Redis: the one named by
 * {@code SOCKETIO_TEST_REDIS_URL}, or a {@code redis-server} from the {@code PATH} started for the test.
 */
class ClusterProcessesIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> logs = new ArrayList<>();

	private final List<io.socket.client.Socket> clients = new ArrayList<>();

	private Path redisDirectory;

	@AfterEach
	void stopEverything() throws Exception {
		this.clients.forEach(io.socket.client.Socket::close);
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		for (Path log : this.logs) {
			Files.deleteIfExists(log);
		}
		if (this.redisDirectory != null) {
			try (var files = Files.walk(this.redisDirectory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void twoPackagedNodesShareRoomsAndBroadcastsThroughRedis() throws Exception {
		String redisUrl = redis();
		String stream = "sample-it-" + UUID.randomUUID();
		Process a = node("node-a", redisUrl, stream);
		Process b = node("node-b", redisUrl, stream);
		int portA = port(a, this.logs.get(this.logs.size() - 2));
		int portB = port(b, this.logs.get(this.logs.size() - 1));

		Client onA = connect(portA);
		Client onB = connect(portB);
		assertThat(((JSONObject) onA.call("whoami")).getString("node")).isEqualTo("node-a");
		assertThat(((JSONObject) onB.call("whoami")).getString("node")).isEqualTo("node-b");
		onA.call("join", "room1");
		onB.call("join", "room1");

		assertThat(onA.call("broadcast", "room1", new JSONObject(Map.of("from", "a")))).isEqualTo(true);
		onB.call("broadcast-binary", "room1");
		onB.await("message", 1);
		onA.await("message", 2);
		onB.await("message", 2);

		for (Client client : List.of(onA, onB)) {
			List<Object[]> messages = client.events("message");
			assertThat(((JSONObject) messages.get(0)[0]).getString("from")).isEqualTo("a");
			JSONObject binary = (JSONObject) messages.get(1)[0];
			byte[] bytes = (byte[]) binary.get("bytes");
			assertThat(bytes).hasSize(256);
			assertThat(bytes[255]).isEqualTo((byte) 0xff);
			// connection state recovery is on: the offset, a stream entry id, is the same on both nodes
			assertThat((String) messages.get(0)[1]).matches("\\d+-\\d+");
		}
		assertThat(onA.events("message").get(0)[1]).isEqualTo(onB.events("message").get(0)[1]);
		assertThat(onA.events("message").get(1)[1]).isEqualTo(onB.events("message").get(1)[1]);
	}

	private String redis() throws Exception {
		String url = System.getenv("SOCKETIO_TEST_REDIS_URL");
		if (url != null && !url.isBlank()) {
			return url.strip();
		}
		Path binary = null;
		for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				binary = candidate;
				break;
			}
		}
		if (binary == null) {
			fail("This test needs a real Redis but 'redis-server' is not on the PATH and SOCKETIO_TEST_REDIS_URL is "
					+ "not set. Install Redis (on Debian or Ubuntu: apt-get install redis-server) or set "
					+ "SOCKETIO_TEST_REDIS_URL=redis://host:port, then run the build again.");
		}
		this.redisDirectory = Files.createTempDirectory("sample-it-redis");
		for (int attempt = 0; attempt < 5; attempt++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			Path log = this.redisDirectory.resolve("redis-" + port + ".log");
			Process redis = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--dir", this.redisDirectory.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			this.processes.add(redis);
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (redis.isAlive() && System.nanoTime() < deadline) {
				if (answersPing(port)) {
					return "redis://127.0.0.1:" + port;
				}
				redis.waitFor(50, TimeUnit.MILLISECONDS);
			}
			redis.destroyForcibly();
		}
		return fail("redis-server did not start");
	}

	private static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = socket.getInputStream().readNBytes(5);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Process node(String id, String redisUrl, String stream) throws IOException {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("The packaged sample application is missing (" + jar + "): this test runs with failsafe after "
					+ "'package' (./mvnw verify).");
		}
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path log = Files.createTempFile("sample-" + id, ".log");
		this.logs.add(log);
		Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
				"--spring.profiles.active=interop,cluster", "--server.port=0", "--server.address=127.0.0.1",
				"--socketio.node-id=" + id, "--spring.data.redis.url=" + redisUrl,
				"--socketio.adapter.redis.stream-name=" + stream, "--socketio.adapter.redis.channel-prefix=" + stream,
				"--socketio.adapter.redis.session-key-prefix=" + stream + ":session:")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private static int port(Process process, Path log) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher started = STARTED.matcher(Files.readString(log));
			if (started.find()) {
				return Integer.parseInt(started.group(1));
			}
			if (!process.isAlive()) {
				fail("The sample application exited at start:\n" + Files.readString(log));
			}
			try {
				process.waitFor(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("The sample application did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	private Client connect(int port) throws Exception {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.build();
		io.socket.client.Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port + "/"), options);
		this.clients.add(socket);
		Client client = new Client(socket);
		CompletableFuture<Boolean> connected = new CompletableFuture<>();
		socket.once(io.socket.client.Socket.EVENT_CONNECT, (args) -> connected.complete(true));
		socket.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, (args) -> connected.complete(false));
		socket.connect();
		assertThat(connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("connected to %d", port).isTrue();
		return client;
	}

	/** A connected client that records the events it receives. */
	private record Client(io.socket.client.Socket socket, List<Object[]> received) {

		Client(io.socket.client.Socket socket) {
			this(socket, new CopyOnWriteArrayList<>());
			socket.onAnyIncoming((args) -> this.received.add(args));
		}

		/** Emits with an acknowledgement; returns its first argument. */
		Object call(String event, Object... args) throws Exception {
			CompletableFuture<Object> answer = new CompletableFuture<>();
			this.socket.emit(event, args, (Ack) (values) -> answer.complete((values.length > 0) ? values[0] : null));
			return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}

		List<Object[]> events(String name) {
			return this.received.stream()
				.filter((args) -> name.equals(args[0]))
				.map((args) -> Arrays.copyOfRange(args, 1, args.length))
				.toList();
		}

		void await(String name, int count) {
			Awaitility.await("'" + name + "' x" + count).atMost(TIMEOUT).until(() -> events(name).size() >= count);
		}

	}

}
