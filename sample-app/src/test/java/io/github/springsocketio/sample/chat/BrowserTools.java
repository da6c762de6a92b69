package io.github.springsocketio.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the browser scripts of {@code src/test/js} with Node.js and Debian's Chromium. A machine without them fails
 * the test, naming what to install: a browser test never skips silently.
 */
final class BrowserTools {

	static final Path SCRIPTS = Path.of("src", "test", "js").toAbsolutePath();

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private BrowserTools() {
	}

	/** What a script printed and how it ended. */
	record Run(int exitCode, String stdout, String stderr) {

		/** The last line of standard output: the scripts print their result there. */
		String lastLine() {
			String[] lines = this.stdout.strip().split("\n");
			return lines[lines.length - 1];
		}

	}

	/** Fails the test, saying what to install, unless Node.js, the npm packages and Chromium are there. */
	static Path requireTools() {
		if (!Files.isExecutable(CHROMIUM)) {
			fail("The browser test needs Debian's Chromium at " + CHROMIUM + ". Install it with "
					+ "'apt-get install chromium chromium-driver' (.ci/run does), then run the build again.");
		}
		Path node = null;
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "node");
				if (Files.isExecutable(candidate)) {
					node = candidate;
					break;
				}
			}
		}
		if (node == null) {
			fail("The browser test needs Node.js 20 or later (with npm) on the PATH to drive Chromium. Install "
					+ "Node.js (e.g. 'apt-get install nodejs npm'), then run the build again.");
		}
		if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
			fail("The browser test's npm packages are not installed: run 'npm ci' in " + SCRIPTS
					+ " (the Maven build does it before the tests unless skipTests is set).");
		}
		return node;
	}

	/** Runs a script and waits for it; the process is destroyed if it outlives the timeout, and always at the end. */
	static Run run(Duration timeout, String script, String... arguments) throws IOException, InterruptedException {
		Path node = requireTools();
		List<String> command = new ArrayList<>(List.of(node.toString(), script));
		command.addAll(List.of(arguments));
		Path stdout = Files.createTempFile("browser-stdout", ".txt");
		Path stderr = Files.createTempFile("browser-stderr", ".txt");
		Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				destroy(process);
				fail(script + " did not finish within " + timeout + "; it printed "
						+ Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8));
			}
			return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		finally {
			destroy(process);
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	private static void destroy(Process process) throws InterruptedException {
		if (process.isAlive()) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
