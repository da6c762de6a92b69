package io.github.springsocketio.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.springsocketio.testing.NodeScripts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Node.js script of {@code src/test/js} that prints JSON lines (the official JavaScript client, installed there by
 * {@code npm ci}, which Maven runs before the tests). Its lines are collected as they come; it is killed when closed
 * or when it outlives its lifetime, and it leaves by itself when its standard input closes.
 */
final class NodeProcess implements AutoCloseable {

	static final Path SCRIPTS = NodeScripts.DIRECTORY;

	private final String script;

	private final Process process;

	private final Writer stdin;

	private final EventLog<JsonNode> lines;

	private final StringBuffer stderr = new StringBuffer();

	private volatile Consumer<JsonNode> listener = (line) -> {
	};

	private NodeProcess(String script, List<String> arguments) throws IOException {
		this.script = script;
		this.lines = new EventLog<>(script);
		List<String> command = new ArrayList<>(List.of(NodeScripts.node().toString(), script));
		command.addAll(arguments);
		this.process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).start();
		this.stdin = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		Thread out = new Thread(this::readStdout, script + " stdout");
		out.setDaemon(true);
		out.start();
		Thread err = new Thread(this::readStderr, script + " stderr");
		err.setDaemon(true);
		err.start();
	}

	/**
	 * Starts a script.
	 * @param script its file name in {@link #SCRIPTS}
	 * @param arguments its arguments
	 */
	static NodeProcess start(String script, String... arguments) {
		try {
			return new NodeProcess(script, List.of(arguments));
		}
		catch (IOException ex) {
			throw new AssertionError("Could not start node " + script, ex);
		}
	}

	private void readStdout() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode json;
				try {
					json = Json.parse(line);
				}
				catch (JacksonException ex) {
					this.stderr.append("[stdout, not JSON] ").append(line).append('\n');
					continue;
				}
				this.listener.accept(json);
				this.lines.add(json);
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	private void readStderr() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.stderr.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	/** Sees each line as it arrives, before it is added to {@link #lines()}; runs on the reading thread. */
	void onLine(Consumer<JsonNode> listener) {
		this.listener = listener;
	}

	/** @return every JSON line printed so far, to wait on */
	EventLog<JsonNode> lines() {
		return this.lines;
	}

	/** Writes one line to the script's standard input. */
	synchronized void send(String line) {
		try {
			this.stdin.write(line);
			this.stdin.write('\n');
			this.stdin.flush();
		}
		catch (IOException ex) {
			throw new AssertionError("node " + this.script + " does not take input any more; stderr: " + this.stderr, ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			// already gone
		}
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "node " + this.script;
	}

}
