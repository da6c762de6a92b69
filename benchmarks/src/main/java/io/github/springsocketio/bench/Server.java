package io.github.springsocketio.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server under test, started as a child process pinned to its CPU(s), on 127.0.0.1 and a free port; stopped by
 * {@link #close()}.
 */
final class Server implements AutoCloseable {

	/** The generations' (or G1's whole heap's) "total ..K, used ..K" in GC.heap_info, for any collector. */
	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private static final List<Server> RUNNING = new ArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			synchronized (RUNNING) {
				for (Server server : List.copyOf(RUNNING)) {
					server.close();
				}
			}
		}, "stop-servers"));
	}

	private final String kind;

	private final String name;

	private final Process process;

	private final int port;

	private final Path jcmd;

	private final Path memoryFile;

	private Server(String kind, String name, Process process, int port, Path jcmd, Path memoryFile) {
		this.kind = kind;
		this.name = name;
		this.process = process;
		this.port = port;
		this.jcmd = jcmd;
		this.memoryFile = memoryFile;
		synchronized (RUNNING) {
			RUNNING.add(this);
		}
	}

	/** The interop application on a JVM. */
	static Server startJava(Settings settings, String name, List<String> appArgs) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(pinning(settings.serverCpus()));
		command.add(settings.javaBin().toString());
		command.addAll(settings.jvmFlags());
		command.add("-jar");
		command.add(settings.sampleJar().toString());
		command.add("--server.address=127.0.0.1");
		command.add("--server.port=" + port);
		command.add("--logging.level.root=WARN");
		// the load generator is one address sending as fast as it can, which the abuse limits exist to refuse;
		// Node's server has none, so both are measured without them
		command.add("--socketio.limits.events-per-second=0");
		command.add("--socketio.limits.connections-per-address=0");
		command.add("--socketio.limits.handshakes-per-second-per-address=0");
		command.addAll(appArgs);
		Process process = start(command, settings.logDir().resolve(name + ".log"), null);
		Path jcmd = settings.javaBin().resolveSibling("jcmd");
		return new Server("java", name, process, port, jcmd, null);
	}

	/** The Node.js reference server. */
	static Server startNode(Settings settings, String name, List<String> serverArgs) throws IOException {
		int port = freePort();
		Path memoryFile = settings.logDir().resolve(name + ".memory.json");
		Files.deleteIfExists(memoryFile);
		List<String> command = new ArrayList<>(pinning(settings.serverCpus()));
		command.add(settings.nodeBin());
		command.add("--expose-gc");
		command.add(settings.nodeDir().resolve("server.js").toString());
		command.add("--port");
		command.add(Integer.toString(port));
		command.addAll(settings.nodeArgs());
		command.addAll(serverArgs);
		Process process = start(command, settings.logDir().resolve(name + ".log"), memoryFile);
		return new Server("node", name, process, port, null, memoryFile);
	}

	private static List<String> pinning(String cpus) {
		return (cpus == null || cpus.isEmpty()) ? List.of() : List.of("taskset", "-c", cpus);
	}

	private static Process start(List<String> command, Path log, Path memoryFile) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (memoryFile != null) {
			builder.environment().put("BENCH_MEM_FILE", memoryFile.toString());
		}
		Files.writeString(log, String.join(" ", command) + System.lineSeparator());
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		return builder.start();
	}

	/** Waits until the server answers an Engine.IO handshake. */
	Server awaitReady(Duration timeout) throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/socket.io/?EIO=4&transport=polling");
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue());
			}
			if (isListening()) {
				try {
					HttpResponse<String> response = http.send(
							HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200 && response.body().startsWith("0{")) {
						return this;
					}
				}
				catch (IOException ex) {
					// not yet
				}
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(this.name + " did not become ready in " + timeout);
	}

	private boolean isListening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	String kind() {
		return this.kind;
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	long rssBytes() {
		return ProcStats.rssBytes(pid());
	}

	/** A full collection: {@code jcmd GC.run} on a JVM, {@code global.gc()} (on SIGUSR2) in Node. */
	void gc() throws Exception {
		if (this.jcmd != null) {
			run(this.jcmd.toString(), Long.toString(pid()), "GC.run");
		}
		else {
			long before = Files.exists(this.memoryFile) ? Files.getLastModifiedTime(this.memoryFile).toMillis() : 0;
			run("kill", "-USR2", Long.toString(pid()));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline && (!Files.exists(this.memoryFile)
					|| Files.getLastModifiedTime(this.memoryFile).toMillis() == before || Files.size(this.memoryFile) == 0)) {
				Thread.sleep(50);
			}
		}
		Thread.sleep(1000);
	}

	/** @return the heap in use (JVM: young + old after the last GC; Node: V8's heapUsed), or -1 */
	long heapUsedBytes() throws Exception {
		if (this.jcmd != null) {
			String info = run(this.jcmd.toString(), Long.toString(pid()), "GC.heap_info");
			Matcher matcher = HEAP_USED.matcher(info);
			long used = 0;
			boolean found = false;
			while (matcher.find()) {
				used += Long.parseLong(matcher.group(1)) * 1024;
				found = true;
			}
			return found ? used : -1;
		}
		if (this.memoryFile == null || !Files.exists(this.memoryFile)) {
			return -1;
		}
		JsonNode memory = JsonMapper.builder().build().readTree(Files.readString(this.memoryFile));
		return memory.path("heapUsed").asLong(-1);
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		synchronized (RUNNING) {
			RUNNING.remove(this);
		}
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

	/** Where and how servers are started. */
	record Settings(Path javaBin, List<String> jvmFlags, Path sampleJar, String nodeBin, Path nodeDir,
			List<String> nodeArgs, String serverCpus, Path logDir) {
	}

}
