package io.github.springsocketio.annotation;

import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing handler is answered with {@code {"error": {"code", "message", "details"?}}}, through the
 * {@code @SocketIOExceptionHandler} methods of its bean, then of the advice beans.
 */
@HandlersTest
class HandlerErrorsTests {

	@LocalServerPort
	int port;

	@Test
	void anUnexpectedExceptionIsAnInternalErrorThatDoesNotShowItsMessage() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = error(client.callOne("fail"));
			assertThat(error.getString("code")).isEqualTo("INTERNAL_ERROR");
			assertThat(error.getString("message")).isEqualTo("Internal error");
			assertThat(error.has("details")).isFalse();
			assertThat(error(client.callOne("fail-mono")).getString("code")).isEqualTo("INTERNAL_ERROR");
		}
	}

	@Test
	void anEventErrorExceptionGivesItsCodeAndMessage() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = error(client.callOne("reject", "vip"));
			assertThat(error.getString("code")).isEqualTo("ROOM_FULL");
			assertThat(error.getString("message")).isEqualTo("Room vip is full");
		}
	}

	@Test
	void theBeansOwnExceptionHandlerAnswersFirstEvenForACause() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = error(client.callOne("closed", "lobby"));
			assertThat(error.getString("code")).isEqualTo("ROOM_CLOSED");
			assertThat(error.getString("message")).isEqualTo("room lobby is closed");
			assertThat(error.getJSONObject("details").getString("event")).isEqualTo("closed");
			assertThat(error(client.callOne("wrapped", "hall")).getString("code")).isEqualTo("ROOM_CLOSED");
		}
	}

	@Test
	void anAdviceBeanHandlesWhatTheBeanDoesNot() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			JSONObject error = error(client.callOne("not-found", "bob"));
			assertThat(error.getString("code")).isEqualTo("NOT_FOUND");
			assertThat(error.getString("message")).isEqualTo("no user bob");
		}
	}

	@Test
	void anExceptionHandlerMayAnswerWithAPlainValue() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.callOne("unsupported")).isEqualTo("fallback");
		}
	}

	@Test
	void aFailureWithoutAnAcknowledgementKeepsTheConnection() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			client.emit("fail");
			assertThat(client.callOne("mono", "still here")).isEqualTo("STILL HERE");
		}
	}

	private static JSONObject error(Object ack) throws Exception {
		return ((JSONObject) ack).getJSONObject("error");
	}

}
