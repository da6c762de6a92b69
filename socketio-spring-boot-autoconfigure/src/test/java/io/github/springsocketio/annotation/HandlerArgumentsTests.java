package io.github.springsocketio.annotation;

import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handler parameters: resolved by type, the event's arguments converted by position with the application's mapper.
 */
@HandlersTest
class HandlerArgumentsTests {

	@LocalServerPort
	int port;

	@Test
	void aRecordParameterReceivesTheArgumentAsJson() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject receipt = (JSONObject) client.callOne("record",
					new JSONObject().put("room", "lobby").put("text", "hello"));
			assertThat(receipt.getString("room")).isEqualTo("lobby");
			assertThat(receipt.getInt("length")).isEqualTo(5);
		}
	}

	@Test
	void primitivesCollectionsMapsAndTreesAreConverted() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.callOne("sum", 2, 40)).isEqualTo(42);
			assertThat(client.callOne("list", new JSONArray(List.of(1, 2, 3)))).isEqualTo(6);
			assertThat(client.callOne("map", new JSONObject().put("b", 1).put("a", true)).toString())
				.isEqualTo("[\"a\",\"b\"]");
			assertThat(client.callOne("tree", new JSONArray())).isEqualTo("ARRAY");
			assertThat(client.callOne("tree", "text")).isEqualTo("STRING");
		}
	}

	@Test
	void binaryArgumentsArriveAsByteArraysAndGoBackAsBinary() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat((byte[]) client.callOne("binary", (Object) new byte[] { 1, 2, 3 }))
				.containsExactly(3, 2, 1);
		}
	}

	@Test
	void theSocketNamespaceHandshakeEventNameAuthAndRawArgumentsAreResolvedByType() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of("name", "alice", "token", "t"))) {
			JSONObject context = (JSONObject) client.callOne("context", "x", "y");
			assertThat(context.getString("id")).isEqualTo(client.id());
			assertThat(context.getString("nsp")).isEqualTo("/");
			assertThat(context.getString("event")).isEqualTo("context");
			assertThat(context.getString("name")).isEqualTo("alice");
			assertThat(context.getJSONObject("auth").getString("token")).isEqualTo("t");
			assertThat(context.getInt("args")).isEqualTo(2);
			assertThat(context.getBoolean("hasHeaders")).isTrue();
		}
	}

	@Test
	void anArgumentThatCannotBeConvertedIsAnsweredWithBadRequest() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = ((JSONObject) client.callOne("record", "not an object")).getJSONObject("error");
			assertThat(error.getString("code")).isEqualTo("BAD_REQUEST");
			assertThat(error.getString("message")).isEqualTo("Argument 0 ('message') of event 'record' is not a valid ChatMessage");
		}
	}

	@Test
	void aMissingPrimitiveArgumentIsAnsweredWithBadRequest() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = ((JSONObject) client.callOne("sum", 1)).getJSONObject("error");
			assertThat(error.getString("code")).isEqualTo("BAD_REQUEST");
			assertThat(error.getString("message")).contains("Argument 1 ('b')").contains("missing");
		}
	}

	@Test
	void aValidArgumentThatBreaksItsConstraintsIsAnsweredWithTheViolations() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject ok = (JSONObject) client.callOne("validated", new JSONObject().put("room", "a").put("text", "b"));
			assertThat(ok.getInt("length")).isEqualTo(1);

			JSONObject error = ((JSONObject) client.callOne("validated",
					new JSONObject().put("room", "").put("text", "x".repeat(21)))).getJSONObject("error");
			assertThat(error.getString("code")).isEqualTo("VALIDATION_FAILED");
			JSONArray details = error.getJSONArray("details");
			assertThat(details.length()).isEqualTo(2);
			assertThat(details.getJSONObject(0).getString("path")).isEqualTo("room");
			assertThat(details.getJSONObject(1).getString("path")).isEqualTo("text");
			assertThat(error.getString("message")).startsWith("Invalid argument: room ");
		}
	}

}
