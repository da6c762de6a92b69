package io.github.springsocketio.sample.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springsocketio.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Socket.IO Admin UI dashboard, built as the npm package {@code @socket.io/admin-ui} ships it and served
 * by the sample, signs in to the sample's admin namespace in headless Chromium (a wrong password is refused), lists
 * the server, shows an application socket and disconnects it. Leaves a screenshot in
 * {@code target/admin-ui-browser.png}.
 */
@SpringBootTest(classes = { SampleApplication.class, AdminUiBrowserTests.DashboardPage.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.admin-ui.enabled=true", "socketio.admin-ui.server-id=sample-node",
				"socketio.admin-ui.password=" + AdminUiBrowserTests.CHANGEIT_HASH })
class AdminUiBrowserTests {

	/** bcrypt of {@code changeit}, cost 4 to keep the test fast. */
	static final String CHANGEIT_HASH = "$2a$04$5NLbCm/fGjEpfNTjBnuXGuvGhjX5TLO6xCi5xVqVo5NEI3xE6.k7C";

	private static final Path SCREENSHOT = Path.of("target", "admin-ui-browser.png").toAbsolutePath();

	@LocalServerPort
	int port;

	@Test
	void theDashboardSignsInShowsTheServerAndItsSocketsAndDisconnectsOne() throws Exception {
		Files.deleteIfExists(SCREENSHOT);
		BrowserTools.Run run = BrowserTools.run(Duration.ofSeconds(120), "admin-ui-browser-check.mjs",
				"http://localhost:" + this.port, "admin", "changeit", "sample-node", SCREENSHOT.toString());
		assertThat(run.exitCode()).as("admin-ui-browser-check.mjs failed: %s%n%s", run.stdout(), run.stderr())
			.isZero();
		JsonNode result = JsonMapper.builder().build().readTree(run.lastLine());

		assertThat(result.get("wrongPassword").asString()).isEqualTo("Invalid credentials");
		assertThat(result.get("serverListed").asString()).isEqualTo("sample-node");
		assertThat(result.get("socketListed").asString()).isEqualTo(result.get("appSocketId").asString());
		assertThat(result.get("appDisconnect").asString()).as("the socket, disconnected by the row's button")
			.isEqualTo("io server disconnect");
		assertThat(result.get("consoleErrors")).isEmpty();
		assertThat(SCREENSHOT).exists().isNotEmptyFile();
	}

	/** Serves the dashboard's built page from the npm package, as an application may host it itself. */
	@TestConfiguration(proxyBeanMethods = false)
	static class DashboardPage {

		@Bean
		RouterFunction<ServerResponse> adminUiPage() {
			// a folder location needs its trailing slash, which Path drops
			Path dist = BrowserTools.SCRIPTS.resolve("node_modules/@socket.io/admin-ui/ui/dist");
			return RouterFunctions.resources("/admin-ui/**", new FileSystemResource(dist + "/"));
		}

	}

}
