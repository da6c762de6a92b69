package io.github.springsocketio.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Finds the programs the tests run (Node.js, Redis) the way a shell would. */
public final class Executables {

	private Executables() {
	}

	/**
	 * @param name the program, e.g. {@code node}
	 * @param path a {@code PATH}-like list of directories
	 * @return the first executable of that name in them
	 */
	public static Optional<Path> find(String name, @Nullable String path) {
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
