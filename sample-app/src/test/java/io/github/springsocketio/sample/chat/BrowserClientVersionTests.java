package io.github.springsocketio.sample.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser client the sample ships is the version the browser test installs: update both together.
 */
class BrowserClientVersionTests {

	private static final Path SHIPPED = Path.of("src", "main", "resources", "static", "socket.io.min.js");

	private static final Path LOCKFILE = Path.of("src", "test", "js", "package-lock.json");

	@Test
	void theShippedSocketIOClientIsTheLockedOneWithItsLicenseHeader() throws Exception {
		String shipped = Files.readString(SHIPPED);
		Matcher header = Pattern.compile("\\A/\\*!\\s*\\n \\* Socket\\.IO v(\\S+)\\n").matcher(shipped);
		assertThat(header.find()).as("%s starts with the client's license header", SHIPPED).isTrue();
		assertThat(shipped).contains("Released under the MIT License.");
		String locked = JsonMapper.builder()
			.build()
			.readTree(LOCKFILE.toFile())
			.path("packages")
			.path("node_modules/socket.io-client")
			.path("version")
			.asString();
		assertThat(header.group(1))
			.as("%s is socket.io-client %s; the lockfile has %s: copy node_modules/socket.io-client/dist/"
					+ "socket.io.min.js of the locked version", SHIPPED, header.group(1), locked)
			.isEqualTo(locked);
	}

}
