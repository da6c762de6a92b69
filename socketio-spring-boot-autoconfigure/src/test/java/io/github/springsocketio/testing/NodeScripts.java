package io.github.springsocketio.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Node.js scripts of {@code src/test/js} and the official JavaScript packages they use, installed there by
 * {@code npm ci} (which Maven runs before the tests). A machine without them fails the tests, naming what is missing.
 */
public final class NodeScripts {

	/** The folder of the scripts, and the working directory they run in. */
	public static final Path DIRECTORY = Path.of("src", "test", "js").toAbsolutePath();

	private NodeScripts() {
	}

	/** @return the {@code node} executable on the {@code PATH}, after checking the packages are installed */
	public static Path node() {
		if (!Files.isDirectory(DIRECTORY.resolve("node_modules"))) {
			fail("The JavaScript packages are not installed: run 'npm ci' in " + DIRECTORY
					+ " (the Maven build does it before the tests unless skipTests is set).");
		}
		return node(System.getenv("PATH"));
	}

	/** @return the {@code node} executable in a {@code PATH}-like list of directories; fails the test if none */
	public static Path node(@Nullable String path) {
		return Executables.find("node", path)
			.orElseGet(() -> fail("Node.js is required by the JavaScript client tests but 'node' is not on the PATH. "
					+ "Install Node.js 20 or later (with npm), then run the build again."));
	}

	/**
	 * Runs a script to its end (at most a minute) and reads the JSON it printed last: the scripts that drive a client
	 * through a scenario print their findings that way. Fails the test when the script fails, with what it printed.
	 * @param script the script's file name
	 * @param arguments its arguments
	 * @return the last line it printed, as JSON
	 */
	public static JsonNode runForLastJsonLine(String script, String... arguments)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile(script, ".txt");
		try {
			List<String> command = new ArrayList<>(List.of(node().toString(), script));
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
			assertThat(process.exitValue()).as("the exit code of %s; it printed %s", script, printed).isZero();
			String[] lines = printed.split("\n");
			return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
