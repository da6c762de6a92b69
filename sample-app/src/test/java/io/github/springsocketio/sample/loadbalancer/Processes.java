package io.github.springsocketio.sample.loadbalancer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The processes a load-balancer test starts — Redis, sample nodes, HAProxy, nginx, Apache httpd, Node.js scripts —
 * all on 127.0.0.1 with their files in one temporary directory. {@link #close()} stops every one of them (and their
 * children, such as nginx's and Apache's workers), also when the JVM exits before the test could.
 */
final class Processes implements AutoCloseable {

	// three JVMs starting at once on a loaded machine have taken more than two minutes
	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final Pattern NETTY_STARTED = Pattern.compile("Netty started on port (\\d+)");

	private final List<Process> started = new CopyOnWriteArrayList<>();

	private final Path directory;

	private final Thread cleanUpAtExit = new Thread(this::stopAll, "load-balancer-test-processes");

	Processes() throws IOException {
		this.directory = Files.createTempDirectory("lb-it");
		// nginx's and Apache's workers run as another user when the test runs as root: they must reach their files
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Runtime.getRuntime().addShutdownHook(this.cleanUpAtExit);
	}

	Path directory() {
		return this.directory;
	}

	/** A sample node: its id, process, log file and HTTP port. */
	record Node(String id, Process process, Path log, int port) {

		String address() {
			return "127.0.0.1:" + this.port;
		}

		String url() {
			return "http://" + address();
		}

		String logText() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** A running balancer: which one and its URL. */
	record Balancer(LoadBalancer kind, Process process, int port) {

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

	}

	/**
	 * @param name the executable
	 * @param debianPackage the Debian package that brings it, named in the failure
	 * @return the executable, from the {@code PATH} or the usual system directories; fails the test if absent
	 */
	static Path executable(String name, String debianPackage) {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
		for (String directory : directories) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail("The load-balancer tests need '" + name + "', which is not installed. Install the Debian package "
				+ "'" + debianPackage + "' (apt-get install " + debianPackage + "; .ci/run does), then run the "
				+ "build again.");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers a process started elsewhere, to be stopped with the others. */
	void register(Process process) {
		this.started.add(process);
	}

	Process start(List<String> command, Path log, Path workingDirectory) throws IOException {
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.started.add(process);
		return process;
	}

	/**
	 * @return the URL of a Redis: the one {@code SOCKETIO_TEST_REDIS_URL} names, or a {@code redis-server}
	 * started here on a free port without persistence
	 */
	String redis() throws IOException, InterruptedException {
		String url = System.getenv("SOCKETIO_TEST_REDIS_URL");
		if (url != null && !url.isBlank()) {
			return url.strip();
		}
		Path binary = executable("redis-server", "redis-server");
		Path data = Files.createDirectories(this.directory.resolve("redis"));
		for (int attempt = 0; attempt < 5; attempt++) {
			int port = freePort();
			Process redis = start(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--dir", data.toString()), data.resolve("redis-" + port + ".log"),
					data);
			if (awaitListening(redis, port, Duration.ofSeconds(20))) {
				return "redis://127.0.0.1:" + port;
			}
			stop(redis);
		}
		return fail("redis-server did not start: see " + data);
	}

	/**
	 * Starts the packaged sample application ({@code sample.jar}, set by failsafe) with the interop and cluster
	 * profiles; {@link #awaitPort} waits for it.
	 */
	Process node(String id, String redisUrl, String stream, String... extraArguments) throws IOException {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("The packaged sample application is missing (" + jar + "): this test runs with failsafe after "
					+ "'package' (./mvnw verify).");
		}
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-jar", jar, "--spring.profiles.active=interop,cluster", "--server.port=0",
				"--server.address=127.0.0.1", "--socketio.node-id=" + id, "--spring.data.redis.url=" + redisUrl,
				"--socketio.adapter.redis.stream-name=" + stream, "--socketio.adapter.redis.channel-prefix=" + stream,
				"--socketio.adapter.redis.session-key-prefix=" + stream + ":session:"));
		command.addAll(List.of(extraArguments));
		return start(command, this.directory.resolve(id + ".log"), this.directory);
	}

	Node awaitPort(String id, Process process) throws IOException, InterruptedException {
		Path log = this.directory.resolve(id + ".log");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher started = NETTY_STARTED.matcher(Files.readString(log));
			if (started.find()) {
				return new Node(id, process, log, Integer.parseInt(started.group(1)));
			}
			if (!process.isAlive()) {
				fail("Node " + id + " exited at start:\n" + Files.readString(log));
			}
			process.waitFor(100, TimeUnit.MILLISECONDS);
		}
		return fail("Node " + id + " did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	/** Starts a balancer from its template in front of the nodes, on a free port. */
	Balancer balancer(LoadBalancer balancer, List<Node> nodes) throws IOException, InterruptedException {
		List<String> addresses = nodes.stream().map(Node::address).toList();
		Path home = Files.createDirectories(this.directory.resolve(balancer.name().toLowerCase()));
		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path log = home.resolve("output.log");
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			String configuration = balancer.render("127.0.0.1:" + port, addresses);
			Process process;
			if (balancer.kind == LoadBalancer.Kind.HAPROXY) {
				Path file = Files.writeString(home.resolve("haproxy.cfg"), configuration);
				process = start(List.of(executable("haproxy", "haproxy").toString(), "-db", "-f", file.toString()), log,
						home);
			}
			else if (balancer.kind == LoadBalancer.Kind.APACHE) {
				Path site = Files.writeString(home.resolve("site.conf"), configuration);
				Path main = Files.writeString(home.resolve("apache2.conf"),
						LoadBalancer.template(LoadBalancer.APACHE_MAIN)
							.replace("{{dir}}", home.toString())
							.replace("{{modules}}", apacheModules().toString())
							.replace("{{site}}", site.toString()));
				process = start(List.of(executable("apache2", "apache2").toString(), "-f", main.toString(),
						"-DFOREGROUND"), log, home);
			}
			else {
				Path site = Files.writeString(home.resolve("site.conf"), configuration);
				Path main = Files.writeString(home.resolve("nginx.conf"),
						LoadBalancer.template(LoadBalancer.NGINX_MAIN)
							.replace("{{dir}}", home.toString())
							.replace("{{site}}", site.toString()));
				process = start(List.of(executable("nginx", "nginx").toString(), "-p", home.toString(), "-e",
						home.resolve("error.log").toString(), "-c", main.toString(), "-g", "daemon off;"), log, home);
			}
			if (awaitListening(process, port, Duration.ofSeconds(20))) {
				return new Balancer(balancer, process, port);
			}
			stop(process);
		}
		return fail(balancer + " did not start; its output:\n" + read(log) + read(home.resolve("error.log")));
	}

	/** @return where Debian's {@code apache2} package puts the modules; fails the test if absent */
	private static Path apacheModules() {
		Path modules = Path.of("/usr/lib/apache2/modules");
		if (!Files.isRegularFile(modules.resolve("mod_proxy_balancer.so"))) {
			fail("The Apache httpd test loads the modules of Debian's apache2 package from " + modules
					+ ", which has no mod_proxy_balancer.so. Install the Debian package 'apache2' (.ci/run does).");
		}
		return modules;
	}

	private static boolean awaitListening(Process process, int port, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (process.isAlive() && System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return true;
			}
			catch (IOException ex) {
				process.waitFor(50, TimeUnit.MILLISECONDS);
			}
		}
		return false;
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Waits for a condition, checking every 50 ms, at most {@code timeout}. */
	static boolean await(Process process, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			process.waitFor(50, TimeUnit.MILLISECONDS);
		}
		return condition.getAsBoolean();
	}

	/** Stops a process and its children: SIGTERM, then SIGKILL after 30 s. */
	static void stop(Process process) {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private void stopAll() {
		List<Process> running = new ArrayList<>(this.started);
		// in parallel: the nodes' graceful shutdowns take a while each
		running.parallelStream().forEach(Processes::stop);
	}

	@Override
	public void close() throws IOException {
		stopAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.cleanUpAtExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting: the hook runs anyway
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
