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
 * Two people sign in and chat in one room of the sample, each in a real headless Chromium page using the official
 * browser client the application serves, and one writes to the other directly. Leaves a screenshot of the first
 * page in {@code target/chat-browser.png}.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "chat-browser.png").toAbsolutePath();

	@LocalServerPort
	int port;

	@Test
	void signedInBrowserPagesChatInOneRoomSeeWhoIsOnlineAndWriteDirectly() throws Exception {
		Files.deleteIfExists(SCREENSHOT);
		BrowserTools.Run run = BrowserTools.run(Duration.ofSeconds(180), "chat-browser-check.mjs",
				"http://localhost:" + this.port, SCREENSHOT.toString());
		assertThat(run.exitCode()).as("chat-browser-check.mjs failed: %s%n%s", run.stdout(), run.stderr()).isZero();
		JsonNode result = JsonMapper.builder().build().readTree(run.lastLine());

		assertThat(result.get("wrongPasswordUrl").asString()).as("a wrong password is sent back to the form")
			.isEqualTo("?error");
		assertThat(result.get("refusal").asString()).as("a page without a login session is refused the chat")
			.isEqualTo("Authentication required");
		assertThat(result.get("usersSeenByAlice").toString()).isEqualTo("[\"alice (you)\",\"bob\"]");
		assertThat(result.get("onlineSeenByAlice").toString()).as("alice once, with two tabs open")
			.isEqualTo("[\"alice (you)\",\"bob\"]");
		assertThat(result.get("onlineSeenByBob").toString()).isEqualTo("[\"alice\",\"bob (you)\"]");
		assertThat(result.get("typingSeenByAlice").asString()).isEqualTo("bob is typing…");
		assertThat(result.get("aliceTick").asString()).startsWith("✓ delivered");
		assertThat(result.get("bobReceived").asString()).isEqualTo("Hello Bob, welcome to #general!");
		assertThat(result.get("aliceReceived").asString()).isEqualTo("Hi Alice, the ticks work.");
		assertThat(result.get("recipient").asString()).isEqualTo("to bob ✕");
		assertThat(result.get("bobDirect").asString()).isEqualTo("Psst Bob, only you see this.");
		assertThat(result.get("bobDirectMeta").asString()).startsWith("alice → you · ").endsWith(" · direct");
		assertThat(result.get("aliceSecondTabDirectMeta").asString()).as("the sender's other tab has it too")
			.startsWith("You → bob · ");
		assertThat(result.get("onlineSeenByAliceAfterBobLeft").toString()).isEqualTo("[\"alice (you)\"]");
		assertThat(result.get("externalRequests")).as("the pages load nothing from elsewhere").isEmpty();
		assertThat(result.get("consoleErrors")).isEmpty();
		assertThat(SCREENSHOT).exists().isNotEmptyFile();
	}

}
