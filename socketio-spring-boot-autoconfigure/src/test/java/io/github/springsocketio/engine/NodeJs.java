package io.github.springsocketio.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.testing.NodeScripts;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs Node.js scripts of {@code src/test/js} (the official JavaScript clients, installed there by {@code npm ci},
 * which Maven runs before the tests). A machine without Node.js fails these tests, naming what is missing.
 */
final class NodeJs {

	static final Path SCRIPTS = NodeScripts.DIRECTORY;

	private NodeJs() {
	}

	/** What a script printed and how it ended. */
	record Run(int exitCode, String stdout, String stderr) {

		/** The last line of standard output: scripts print their result there. */
		String lastLine() {
			String[] lines = this.stdout.strip().split("\n");
			return lines[lines.length - 1];
		}

	}

	/**
	 * Runs a script of {@link #SCRIPTS} and waits for it; the process is killed if it outlives the timeout.
	 */
	static Run run(Duration timeout, String script, String... arguments) throws IOException, InterruptedException {
		Path node = script.endsWith("--version") ? NodeScripts.node(System.getenv("PATH")) : NodeScripts.node();
		List<String> command = new ArrayList<>(List.of(node.toString(), script));
		command.addAll(List.of(arguments));
		Path stdout = Files.createTempFile("node-stdout", ".txt");
		Path stderr = Files.createTempFile("node-stderr", ".txt");
		Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				fail("node " + String.join(" ", arguments) + " did not finish within " + timeout + "; it printed "
						+ Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8));
			}
			return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

}
