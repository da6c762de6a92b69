package io.github.springsocketio.sample.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springsocketio.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people chat in one room of the sample, each in a real headless Chromium page using the official browser
 * client the application serves. Leaves a screenshot of the first page in {@code target/chat-browser.png}.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "chat-browser.png").toAbsolutePath();

	@LocalServerPort
	int port;

	@Test
	void twoBrowserPagesChatInOneRoomWithTypingAndDeliveredTicks() throws Exception {
		Files.deleteIfExists(SCREENSHOT);
		BrowserTools.Run run = BrowserTools.run(Duration.ofSeconds(120), "chat-browser-check.mjs",
				"http://localhost:" + this.port, SCREENSHOT.toString());
		assertThat(run.exitCode()).as("chat-browser-check.mjs failed: %s%n%s", run.stdout(), run.stderr()).isZero();
		JsonNode result = JsonMapper.builder().build().readTree(run.lastLine());

		assertThat(result.get("refusal").asString()).as("a refused name shows the middleware's reason")
			.isEqualTo("Pick a name of 1 to 24 letters, digits, spaces, '.', '_' or '-'.");
		assertThat(result.get("usersSeenByAlice").toString()).isEqualTo("[\"Alice (you)\",\"Bob\"]");
		assertThat(result.get("typingSeenByAlice").asString()).isEqualTo("Bob is typing…");
		assertThat(result.get("aliceTick").asString()).startsWith("✓ delivered");
		assertThat(result.get("bobReceived").asString()).isEqualTo("Hello Bob, welcome to #general!");
		assertThat(result.get("aliceReceived").asString()).isEqualTo("Hi Alice, the ticks work.");
		assertThat(result.get("externalRequests")).as("the page loads nothing from elsewhere").isEmpty();
		assertThat(result.get("consoleErrors")).isEmpty();
		assertThat(SCREENSHOT).exists().isNotEmptyFile();
	}

}
