package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sticky-session cookie (Node's {@code cookie} option): the session id, set on the polling handshake response
 * only, with the attributes in the order of Node's {@code cookie} library.
 */
class CookieTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void thePollingHandshakeSetsTheSessionCookieWithNodesDefaults() {
		TestEngineServer server = this.servers.start((o) -> o.cookie(CookieOptions.defaults()));

		PollingClient.Handshake handshake = this.servers.polling(server).handshake();

		assertThat(handshake.response().headers().allValues("set-cookie"))
			.containsExactly("io=" + handshake.sid() + "; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void laterPollsAndPostsSetNoCookie() {
		TestEngineServer server = this.servers.start((o) -> o.cookie(CookieOptions.defaults()));
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		HttpResponse<String> post = client.post(sid, "4hi");
		HttpResponse<String> poll = client.get(sid);

		assertThat(poll.body()).isEqualTo("4hi");
		assertThat(post.headers().allValues("set-cookie")).isEmpty();
		assertThat(poll.headers().allValues("set-cookie")).isEmpty();
	}

	@Test
	void theWebSocketHandshakeSetsNoCookie() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.cookie(CookieOptions.defaults()));

		RawConnection.Head head = this.servers.raw(server).upgrade("EIO=4&transport=websocket").readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.names()).doesNotContain("set-cookie");
	}

	@Test
	void anUpgradeOfAPollingSessionSetsNoCookie() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.cookie(CookieOptions.defaults()));
		String sid = this.servers.polling(server).handshake().sid();

		RawConnection.Head head = this.servers.raw(server)
			.upgrade("EIO=4&transport=websocket&sid=" + sid)
			.readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.names()).doesNotContain("set-cookie");
	}

	@Test
	void everyAttributeIsWrittenInTheOrderOfNodesCookieLibrary() {
		CookieOptions cookie = new CookieOptions("sticky", "/chat", "example.com", true, "none", true,
				Duration.ofDays(1), true);
		TestEngineServer server = this.servers.start((o) -> o.cookie(cookie));

		PollingClient.Handshake handshake = this.servers.polling(server).handshake();

		assertThat(handshake.response().headers().allValues("set-cookie")).containsExactly("sticky="
				+ handshake.sid() + "; Max-Age=86400; Domain=example.com; Path=/chat; HttpOnly; Secure; Partitioned; SameSite=None");
	}

	@Test
	void attributesThatAreOffAreLeftOut() {
		CookieOptions cookie = new CookieOptions("io", "/", null, false, null, false, null, false);

		assertThat(cookie.toSetCookie("abc")).isEqualTo("io=abc; Path=/");
	}

	@Test
	void withoutTheCookieOptionNoCookieIsSet() {
		TestEngineServer server = this.servers.start();

		PollingClient.Handshake handshake = this.servers.polling(server).handshake();

		assertThat(handshake.response().headers().allValues("set-cookie")).isEmpty();
	}

	@Test
	void sameSiteIsWrittenInItsCanonicalCase() {
		assertThat(new CookieOptions("io", "/", null, true, "STRICT", false, null, false).toSetCookie("x"))
			.endsWith("; SameSite=Strict");
		assertThat(new CookieOptions("io", "/", null, true, "lax", false, null, false).toSetCookie("x"))
			.endsWith("; SameSite=Lax");
	}

	@Test
	void impossibleCookiesAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieOptions("io", "/", null, true, "None", false, null, false))
			.withMessageContaining("SameSite=None")
			.withMessageContaining("Secure");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieOptions("io", "/", null, true, "sometimes", false, null, false))
			.withMessageContaining("sometimes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieOptions("my cookie", "/", null, true, "Lax", false, null, false))
			.withMessageContaining("my cookie");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookieOptions("io", "/", null, true, "Lax", false, Duration.ofSeconds(-1), false))
			.withMessageContaining("negative");
	}

}
