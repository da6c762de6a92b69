package io.github.springsocketio.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observers of an endpoint: each one added sees every event, so metrics and an application's own observer can watch
 * the same endpoint.
 */
class EngineIoServerObserverTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void everyObserverAddedReceivesEveryEvent() {
		TestEngineServer server = this.servers.start();
		RecordingObserver first = new RecordingObserver();
		RecordingObserver second = new RecordingObserver();
		server.engine().observe(first);
		server.engine().observe(second);
		PollingClient client = this.servers.polling(server);

		String sid = client.handshake().sid();
		client.get("unknown");
		client.send(sid, "1");

		List<String> expected = List.of("opened polling", "refused UNKNOWN_SID", "closed polling transport close");
		await().atMost(RecordingListener.TIMEOUT).untilAsserted(() -> {
			assertThat(first.events).containsAll(expected);
			assertThat(second.events).containsAll(expected);
		});
	}

	@Test
	void anObserverAddedTwiceSeesEachEventOnce() {
		TestEngineServer server = this.servers.start();
		RecordingObserver observer = new RecordingObserver();
		server.engine().observe(observer);
		server.engine().observe(new RecordingObserver());
		server.engine().observe(observer);

		this.servers.polling(server).get("unknown");

		await().atMost(RecordingListener.TIMEOUT).until(() -> !observer.events.isEmpty());
		assertThat(observer.events).containsExactly("refused UNKNOWN_SID");
	}

	private static final class RecordingObserver implements EngineIoObserver {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void sessionOpened(Transport transport) {
			this.events.add("opened " + transport.id());
		}

		@Override
		public void sessionClosed(Transport transport, CloseReason reason) {
			this.events.add("closed " + transport.id() + " " + reason.description());
		}

		@Override
		public void requestRefused(EngineIoError error) {
			this.events.add("refused " + error.name());
		}

	}

}
