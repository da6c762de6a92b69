package io.github.springsocketio.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

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

}
