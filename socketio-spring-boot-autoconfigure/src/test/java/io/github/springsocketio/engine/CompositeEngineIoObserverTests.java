package io.github.springsocketio.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several observers seen as one: every event reaches each of them, in the order they were added.
 */
class CompositeEngineIoObserverTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@Test
	void oneObserverIsCalledDirectly() {
		EngineIoObserver only = new Named("only");
		assertThat(CompositeEngineIoObserver.add(EngineIoObserver.NONE, only)).isSameAs(only);
	}

	@Test
	void everyEventReachesEachObserverInTheOrderTheyWereAdded() {
		EngineIoObserver observer = CompositeEngineIoObserver.add(EngineIoObserver.NONE, new Named("a"));
		observer = CompositeEngineIoObserver.add(observer, new Named("b"));
		observer = CompositeEngineIoObserver.add(observer, new Named("c"));

		observer.sessionOpened(Transport.POLLING);
		observer.upgradeEnded(true);
		observer.sessionClosed(Transport.WEBSOCKET, CloseReason.PING_TIMEOUT);
		observer.requestRefused(EngineIoError.FORBIDDEN);
		observer.bytesReceived(Transport.POLLING, 3);
		observer.bytesSent(Transport.WEBSOCKET, 4);
		observer.packetsDropped(5);

		assertThat(this.calls).containsExactly("a opened", "b opened", "c opened", "a upgraded", "b upgraded",
				"c upgraded", "a closed", "b closed", "c closed", "a refused", "b refused", "c refused", "a received",
				"b received", "c received", "a sent", "b sent", "c sent", "a dropped", "b dropped", "c dropped");
	}

	@Test
	void anObserverAlreadyThereIsNotAddedAgain() {
		EngineIoObserver a = new Named("a");
		EngineIoObserver both = CompositeEngineIoObserver.add(a, new Named("b"));
		assertThat(CompositeEngineIoObserver.add(a, a)).isSameAs(a);
		assertThat(CompositeEngineIoObserver.add(both, a)).isSameAs(both);
	}

	private final class Named implements EngineIoObserver {

		private final String name;

		Named(String name) {
			this.name = name;
		}

		private void call(String event) {
			CompositeEngineIoObserverTests.this.calls.add(this.name + " " + event);
		}

		@Override
		public void sessionOpened(Transport transport) {
			call("opened");
		}

		@Override
		public void upgradeEnded(boolean success) {
			call("upgraded");
		}

		@Override
		public void sessionClosed(Transport transport, CloseReason reason) {
			call("closed");
		}

		@Override
		public void requestRefused(EngineIoError error) {
			call("refused");
		}

		@Override
		public void bytesReceived(Transport transport, long bytes) {
			call("received");
		}

		@Override
		public void bytesSent(Transport transport, long bytes) {
			call("sent");
		}

		@Override
		public void packetsDropped(int packets) {
			call("dropped");
		}

	}

}
