package io.github.springsocketio.sample.loadbalancer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * {@code lb-clients.mjs} of {@code src/test/js-cluster} (the official socket.io-client, installed there by
 * {@code npm ci}, which Maven runs before the tests) as a process whose JSON lines the test reads as they come.
 * Closing it kills the script if it is still running.
 */
final class ClientScript implements AutoCloseable {

	static final Path SCRIPTS = Path.of("src", "test", "js-cluster").toAbsolutePath();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path stderr;

	private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

	private final List<String> printed = new ArrayList<>();

	private final Thread reader;

	private ClientScript(Process process, Path stderr) {
		this.process = process;
		this.stderr = stderr;
		this.reader = new Thread(this::read, "lb-clients-stdout");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts a scenario of the script.
	 * @param processes where the process is registered, so that it is stopped whatever happens
	 * @param scenario the scenario
	 * @param options its options; {@code timeoutMs} bounds the script
	 * @return the running script
	 */
	static ClientScript start(Processes processes, String scenario, Map<String, Object> options) throws IOException {
		Path node = Processes.executable("node", "nodejs");
		if (!Files.isDirectory(SCRIPTS.resolve("node_modules/socket.io-client"))) {
			fail("The JavaScript client is not installed: run 'npm ci' in " + SCRIPTS
					+ " (the Maven build does it before the tests unless skipTests is set).");
		}
		Path stderr = Files.createTempFile(processes.directory(), "lb-clients-" + scenario, ".stderr");
		Process process = new ProcessBuilder(node.toString(), "lb-clients.mjs", scenario,
				JSON.writeValueAsString(options))
			.directory(SCRIPTS.toFile())
			.redirectError(stderr.toFile())
			.start();
		processes.register(process);
		return new ClientScript(process, stderr);
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.printed) {
					this.printed.add(line);
				}
				if (line.startsWith("{")) {
					this.lines.add(JSON.readTree(line));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process ended
		}
	}

	/**
	 * @param event the {@code event} of the awaited line
	 * @param timeout how long to wait for it
	 * @return the line; fails the test if it did not come
	 */
	JsonNode await(String event, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode line = this.lines.poll(100, TimeUnit.MILLISECONDS);
			if (line != null) {
				if (event.equals(line.path("event").asString(""))) {
					return line;
				}
				if ("done".equals(line.path("event").asString("")) && line.path("failed").asBoolean()) {
					fail("The client script failed before '" + event + "': " + line + "\n" + output());
				}
			}
			else if (!this.process.isAlive() && this.lines.isEmpty()) {
				// let the reader take the last lines: on a loaded machine parsing one may take a while
				this.reader.join(10_000);
				if (this.lines.isEmpty()) {
					fail("The client script ended (exit " + this.process.exitValue() + ") without '" + event + "':\n"
							+ output());
				}
			}
		}
		return fail("The client script printed no '" + event + "' within " + timeout + ":\n" + output());
	}

	/** Runs to the end: the {@code done} line, which must not report a failure. */
	JsonNode done(Duration timeout) throws InterruptedException {
		JsonNode done = await("done", timeout);
		if (done.path("failed").asBoolean()) {
			fail("The client script failed: " + done + "\n" + output());
		}
		return done;
	}

	/** Writes a line to the script's input, which some scenarios wait for. */
	void send(String line) throws IOException {
		this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.process.getOutputStream().flush();
	}

	String output() {
		String out;
		synchronized (this.printed) {
			out = String.join("\n", this.printed);
		}
		return "stdout:\n" + out + "\nstderr:\n" + Processes.read(this.stderr);
	}

	@Override
	public void close() {
		Processes.stop(this.process);
	}

}
