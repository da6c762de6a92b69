package io.github.springsocketio.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Session ID unknown" is what clients get behind a load balancer without sticky sessions: the answer is the
 * reference's, and the log says the likely cause once a minute rather than once per request.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownSessionWarningTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void requestsForUnknownSessionsAreRefusedAndTheLikelyCauseIsLoggedOncePerMinute(CapturedOutput output) {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);

		for (int i = 0; i < 5; i++) {
			assertJsonError(client.get("unknownSessionId" + i), 400, 1, "Session ID unknown");
		}

		String log = output.getAll();
		assertThat(log).contains("Request for an unknown session id").contains("sticky sessions");
		assertThat(log.split("Request for an unknown session id", -1)).hasSize(2);
	}

}
