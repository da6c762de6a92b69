package io.github.springsocketio.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.testing.NodeScripts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code admin-ui-dashboard-check.mjs}: the official socket.io-client acting as the Admin UI dashboard against
 * a running server, returning the JSON line it prints.
 */
final class DashboardScript {

	private DashboardScript() {
	}

	static JsonNode run(int port, String username, String password) throws IOException, InterruptedException {
		String url = "http://localhost:" + port;
		return run(url, username, password, url, 1);
	}

	/**
	 * @param url the server the dashboard connects to
	 * @param appUrl the server the application socket connects to
	 * @param servers how many servers' statistics to wait for
	 */
	static JsonNode run(String url, String username, String password, String appUrl, int servers)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile("admin-ui-dashboard", ".txt");
		try {
			Process process = new ProcessBuilder(NodeScripts.node().toString(), "admin-ui-dashboard-check.mjs", url,
					username, password, appUrl, String.valueOf(servers))
				.directory(NodeScripts.DIRECTORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
			assertThat(process.exitValue()).as("the dashboard's exit code; it printed %s", printed).isZero();
			String[] lines = printed.split("\n");
			return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
