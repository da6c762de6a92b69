package io.github.springsocketio.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking handlers run on the handler executor, reactive ones on the event loop; each socket's events are handled
 * one at a time, in order, and a socket with too many waiting is told it is busy.
 */
@HandlersTest
class HandlerThreadingTests {

	@LocalServerPort
	int port;

	@Autowired
	HandlersTestApplication.Recorder recorder;

	@Test
	void plainHandlersRunOnTheHandlerExecutorAndReactiveOnesOnTheEventLoop() {
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			assertThat((String) client.callOne("thread")).startsWith("socketio-handler-");
			assertThat((String) client.callOne("thread-mono")).contains("-http-").doesNotStartWith("socketio-handler-");
		}
	}

	@Test
	void aBlockedHandlerHoldsBackOnlyItsOwnSocketWhoseEventsThenRunInOrder() {
		CompletableFuture<Void> gate = this.recorder.closeGate();
		try (TestClient blocked = TestClient.connect(this.port, "/", Map.of());
				TestClient other = TestClient.connect(this.port, "/", Map.of())) {
			CompletableFuture<Object[]> opened = blocked.emitAsync("gate");
			List<CompletableFuture<Object[]>> acks = new ArrayList<>();
			for (int i = 1; i <= 20; i++) {
				acks.add(blocked.emitAsync((i % 2 == 0) ? "seq-mono" : "seq", i));
			}
			assertThat((String) other.callOne("thread")).startsWith("socketio-handler-");
			assertThat(this.recorder.sequence).isEmpty();

			gate.complete(null);
			assertThat(TestClient.await(opened)).containsExactly("opened");
			for (CompletableFuture<Object[]> ack : acks) {
				TestClient.await(ack);
			}
			assertThat(this.recorder.sequence).containsExactlyElementsOf(HandlersTestApplication.range(1, 20));
		}
	}

	@Test
	void eventsBeyondTheSocketQueueCapacityAreRefusedAsBusy() throws Exception {
		CompletableFuture<Void> gate = this.recorder.closeGate();
		try (TestClient client = TestClient.connect(this.port, "/", Map.of())) {
			CompletableFuture<Object[]> opened = client.emitAsync("gate");
			List<CompletableFuture<Object[]>> acks = new ArrayList<>();
			for (int i = 1; i <= 40; i++) {
				acks.add(client.emitAsync("seq", i));
			}
			for (int i = 32; i < 40; i++) {
				JSONObject error = ((JSONObject) TestClient.await(acks.get(i))[0]).getJSONObject("error");
				assertThat(error.getString("code")).isEqualTo("BUSY");
			}
			gate.complete(null);
			TestClient.await(opened);
			for (int i = 0; i < 32; i++) {
				assertThat(TestClient.await(acks.get(i))).containsExactly(i + 1);
			}
			assertThat(this.recorder.sequence).containsExactlyElementsOf(HandlersTestApplication.range(1, 32));
		}
	}

}
