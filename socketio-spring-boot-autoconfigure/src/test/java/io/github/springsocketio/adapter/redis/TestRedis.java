package io.github.springsocketio.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.springsocketio.testing.Executables;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real Redis for the tests: the one named by the environment variable {@value #URL_VARIABLE} (e.g.
 * {@code redis://127.0.0.1:6379}), or else a {@code redis-server} from the {@code PATH}, started on a free port
 * without persistence and stopped when the tests end. Tests keep apart by using names of their own
 * ({@link #uniqueName}, {@link #options()}).
 *
 * <pre>{@code
 * TestRedis redis = TestRedis.shared();
 * LettuceConnectionFactory connections = redis.connectionFactory();
 * }</pre>
 */
public final class TestRedis implements AutoCloseable {

	/** The environment variable naming a Redis to use instead of starting one. */
	public static final String URL_VARIABLE = "SOCKETIO_TEST_REDIS_URL";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static @Nullable TestRedis shared;

	private final String url;

	private final @Nullable Path binary;

	private final @Nullable Path directory;

	private final int port;

	private volatile @Nullable Process process;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private final List<String> arguments;

	private TestRedis(String url, @Nullable Path binary, @Nullable Path directory, int port, List<String> arguments) {
		this.url = url;
		this.binary = binary;
		this.directory = directory;
		this.port = port;
		this.arguments = arguments;
	}

	/**
	 * The Redis every test class shares: {@value #URL_VARIABLE} if set, else a {@code redis-server} started once and
	 * stopped when the JVM exits.
	 * @return the Redis
	 */
	public static synchronized TestRedis shared() {
		if (shared == null) {
			String url = System.getenv(URL_VARIABLE);
			TestRedis redis = (url != null && !url.isBlank()) ? new TestRedis(url.strip(), null, null, -1, List.of()) : start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "test-redis-stop"));
			shared = redis;
		}
		return shared;
	}

	/**
	 * Starts a Redis of its own (e.g. to stop and restart it), from the {@code redis-server} on the {@code PATH}.
	 * @return the running Redis; close it when done
	 */
	public static TestRedis start() {
		return start(List.of());
	}

	/**
	 * Starts a Redis of its own with more {@code redis-server} arguments, e.g. {@code --enable-debug-command local}.
	 * @param arguments the arguments
	 * @return the running Redis; close it when done
	 */
	public static TestRedis start(List<String> arguments) {
		Path binary = binary(System.getenv("PATH"));
		AssertionError last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			int port = freePort();
			Path directory;
			try {
				directory = Files.createTempDirectory("test-redis");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			TestRedis redis = new TestRedis("redis://127.0.0.1:" + port, binary, directory, port, arguments);
			try {
				redis.startProcess();
				return redis;
			}
			catch (AssertionError ex) {
				// the free port was taken meanwhile by another build on this machine: try another one
				redis.close();
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * @param path a {@code PATH}-like list of directories
	 * @return the {@code redis-server} in it; fails the test, naming the package to install, when there is none
	 */
	static Path binary(@Nullable String path) {
		return Executables.find("redis-server", path)
			.orElseGet(() -> fail("The Redis tests need a real Redis but 'redis-server' is not on the PATH and "
					+ URL_VARIABLE + " is not set. Install Redis (on Debian or Ubuntu: apt-get install redis-server) or set "
					+ URL_VARIABLE + "=redis://host:port to use a running one, then run the build again."));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return a name no other test uses, e.g. for a stream */
	public static String uniqueName(String base) {
		byte[] bytes = new byte[4];
		RANDOM.nextBytes(bytes);
		return base + "-" + HexFormat.of().formatHex(bytes);
	}

	/**
	 * Adapter options with a stream, channel prefix and session key prefix of their own, and a short block time so
	 * that read loops notice a stop quickly.
	 * @return the builder
	 */
	public static RedisStreamsAdapterOptions.Builder options() {
		String name = uniqueName("sio-test");
		return RedisStreamsAdapterOptions.builder()
			.streamName(name)
			.channelPrefix(name)
			.sessionKeyPrefix(name + ":session:")
			.blockTime(Duration.ofSeconds(1));
	}

	/** @return the Redis URL, e.g. {@code redis://127.0.0.1:6379} */
	public String url() {
		return this.url;
	}

	/** @return whether this Redis was started by the tests (and so can be stopped and restarted) */
	public boolean isOwned() {
		return this.binary != null;
	}

	/** @return the port, for a Redis the tests started */
	public int port() {
		return this.port;
	}

	/** @return a started connection factory on this Redis; destroy it when done */
	public LettuceConnectionFactory connectionFactory() {
		RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(this.url);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Runs commands on a connection of the tests' own, to look at or change what the nodes stored.
	 * @param commands the commands
	 * @param <T> the result type
	 * @return the result
	 */
	public synchronized <T> T commands(Function<RedisCommands<String, String>, T> commands) {
		if (this.connection == null || !this.connection.isOpen()) {
			if (this.client == null) {
				RedisURI uri = RedisURI.create(this.url);
				uri.setTimeout(Duration.ofSeconds(10));
				this.client = RedisClient.create(uri);
			}
			this.connection = this.client.connect();
		}
		return commands.apply(this.connection.sync());
	}

	/** Kills the Redis the tests started, as a crash would: everything it held is lost. */
	public void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		try {
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				fail("redis-server did not stop");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Starts the Redis the tests started again, on the same port, empty. */
	public void restart() {
		kill();
		startProcess();
	}

	private void startProcess() {
		if (this.binary == null || this.directory == null) {
			fail("This test stops and starts Redis itself; it needs 'redis-server' on the PATH");
		}
		List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
		command.addAll(this.arguments);
		Path log = this.directory.resolve("redis.log");
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.binary, ex);
		}
		this.process = started;
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				this.process = null;
				fail("redis-server on port " + this.port + " exited at start: " + read(log));
			}
			if (answersPing()) {
				return;
			}
			try {
				started.waitFor(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		started.destroyForcibly();
		this.process = null;
		fail("redis-server on port " + this.port + " did not answer within " + START_TIMEOUT + ": " + read(log));
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, 7);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			this.client = null;
		}
		kill();
		if (this.directory != null) {
			FileSystemUtils.deleteRecursively(this.directory.toFile());
		}
	}

}
