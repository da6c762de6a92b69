package io.github.springsocketio.annotation;

import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The return value is the acknowledgement, when the client asked for one.
 */
@HandlersTest
class HandlerReturnValuesTests {

	@LocalServerPort
	int port;

	@Test
	void aMonoIsAcknowledgedWithItsValue() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.callOne("mono", "hi")).isEqualTo("HI");
		}
	}

	@Test
	void anEmptyMonoAndVoidAreAcknowledgedWithoutArguments() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.call("mono-empty")).isEmpty();
			assertThat(client.call("void")).isEmpty();
		}
	}

	@Test
	void aCompletionStageIsAcknowledgedWithItsResult() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.callOne("future", 21)).isEqualTo(42);
		}
	}

	@Test
	void nullIsAcknowledgedAsOneNullArgument() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.callOne("null")).satisfiesAnyOf((value) -> assertThat(value).isNull(),
					(value) -> assertThat(value).isEqualTo(JSONObject.NULL));
		}
	}

	@Test
	void returnedArgumentsAreSpreadOverTheAcknowledgement() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat(client.call("spread", "a", 1, true)).containsExactly("a", 1, true);
		}
	}

	@Test
	void anAckParameterLetsTheHandlerAnswerItselfOrNotice() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of()).record("explicit-ack")) {
			assertThat(client.call("explicit-ack", "abc")).containsExactly("abc", 3);
			client.emit("explicit-ack", "abc");
			assertThat(client.next("explicit-ack")).containsExactly("no ack asked for abc");
		}
	}

	@Test
	void anAckParameterWithAMonoOfVoidAnswersItselfFromTheEventLoop() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			Object[] answer = client.call("explicit-ack-mono", "abc");
			assertThat(answer[0]).isEqualTo("abc");
			assertThat((String) answer[1]).contains("-http-");
		}
	}

}
