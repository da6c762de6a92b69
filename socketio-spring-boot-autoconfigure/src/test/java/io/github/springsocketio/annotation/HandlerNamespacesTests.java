package io.github.springsocketio.annotation;

import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespaces from {@code @SocketIONamespace} (names and patterns) or the handler's own annotation; connect,
 * disconnect and catch-all handlers; connection middleware beans.
 */
@HandlersTest
class HandlerNamespacesTests {

	@LocalServerPort
	int port;

	@Autowired
	HandlersTestApplication.Recorder recorder;

	@Test
	void theBeansNamespaceAppliesUnlessTheHandlerNamesAnother() {
		try (TestClient chat = TestClient.connect(this.port, "/chat", Map.of());
				TestClient other = TestClient.connect(this.port, "/other", Map.of())) {
			assertThat(chat.callOne("where")).isEqualTo("/chat");
			assertThat(other.callOne("where")).isEqualTo("elsewhere /other");
		}
	}

	@Test
	void aPatternServesEveryMatchingDynamicNamespace() {
		try (TestClient first = TestClient.connect(this.port, "/room-1", Map.of());
				TestClient second = TestClient.connect(this.port, "/room-42", Map.of())) {
			assertThat(first.callOne("where")).isEqualTo("dynamic /room-1");
			assertThat(second.callOne("where")).isEqualTo("dynamic /room-42");
		}
		assertThat(TestClient.refused(this.port, "/room-x", Map.of()).toString()).contains("Invalid namespace");
	}

	@Test
	void onConnectRunsBeforeTheFirstEventAndOnDisconnectGetsTheReason() throws Exception {
		String id;
		try (TestClient client = TestClient.connect(this.port, "/chat", Map.of("name", "alice"), "welcome")) {
			assertThat(client.next("welcome")).containsExactly("hello alice");
			id = client.id();
		}
		assertThat(this.recorder.nextEvent("disconnect " + id)).isEqualTo("disconnect " + id + " client namespace disconnect");
	}

	@Test
	void theCatchAllSeesOnlyEventsNoHandlerListensTo() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/chat", Map.of())) {
			client.emit("where");
			client.emit("mystery", 1, "two");
			assertThat(this.recorder.nextEvent("unhandled ")).isEqualTo("unhandled mystery [1,\"two\"]");
			assertThat(this.recorder.events).noneMatch((event) -> event.startsWith("unhandled where"));
		}
	}

	@Test
	void aMiddlewareBeanRefusesOrAdmitsConnectionsToItsNamespace() throws Exception {
		JSONObject refusal = TestClient.refused(this.port, "/guarded", Map.of("token", "wrong"));
		assertThat(refusal.getString("message")).isEqualTo("unauthorized");
		assertThat(refusal.getJSONObject("data").getString("reason")).isEqualTo("invalid token");
		try (TestClient client = TestClient.connect(this.port, "/guarded", Map.of("token", "letmein"))) {
			assertThat(client.callOne("secret")).isEqualTo("s3cret");
		}
	}

}
