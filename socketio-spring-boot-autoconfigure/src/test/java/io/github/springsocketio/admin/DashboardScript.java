package io.github.springsocketio.admin;

import java.io.IOException;

import io.github.springsocketio.testing.NodeScripts;
import tools.jackson.databind.JsonNode;

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
		return NodeScripts.runForLastJsonLine("admin-ui-dashboard-check.mjs", url, username, password, appUrl,
				String.valueOf(servers));
	}

}
