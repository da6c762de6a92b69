package io.github.springsocketio.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.adapter.InMemoryAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A server's observers compose: each one added gets every event, in the order added, and none displaces another.
 */
class ObserverChainTests {

	private final SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();

	private final Namespace main = this.server.defaultNamespace();

	private final List<String> seen = new ArrayList<>();

	@Test
	void withoutObserversNothingIsObserved() {
		assertThat(this.server.observer()).isSameAs(SocketIOObserver.NONE);
	}

	@Test
	void aSingleObserverIsCalledDirectly() {
		SocketIOObserver only = new Recording("only");

		this.server.observe(only);

		assertThat(this.server.observer()).isSameAs(only);
	}

	@Test
	void everyObserverAddedGetsEveryEventInTheOrderAdded() {
		this.server.observe(new Recording("meters"));
		this.server.observe(new Recording("application"));
		this.server.observe(new Recording("audit"));
		SocketIOObserver observer = this.server.observer();

		observer.socketConnected(this.main, false);
		observer.socketDisconnected(this.main, DisconnectReason.SERVER_SHUTTING_DOWN);
		observer.connectRefused(null, "invalid-namespace");
		observer.packetsSent(this.main, 3);
		observer.broadcast(this.main, true);
		observer.ackTimedOut(this.main);
		observer.recoveryAttempted(this.main, true);

		assertThat(this.seen).containsExactly("meters connected", "application connected", "audit connected",
				"meters disconnected", "application disconnected", "audit disconnected", "meters refused",
				"application refused", "audit refused", "meters sent 3", "application sent 3", "audit sent 3",
				"meters broadcast", "application broadcast", "audit broadcast", "meters ack timed out",
				"application ack timed out", "audit ack timed out", "meters recovery", "application recovery",
				"audit recovery");
	}

	@Test
	void anObserverAddedTwiceGetsEachEventOnce() {
		SocketIOObserver meters = new Recording("meters");
		this.server.observe(meters);
		this.server.observe(new Recording("application"));

		this.server.observe(meters);
		this.server.observer().ackTimedOut(this.main);

		assertThat(this.seen).containsExactly("meters ack timed out", "application ack timed out");
	}

	@Test
	void aChainIsExtendedNotNested() {
		SocketIOObserver first = new Recording("first");
		SocketIOObserver chain = ObserverChain.append(ObserverChain.append(SocketIOObserver.NONE, first),
				new Recording("second"));

		SocketIOObserver extended = ObserverChain.append(chain, new Recording("third"));
		extended.ackTimedOut(this.main);

		assertThat(extended).isNotSameAs(chain);
		assertThat(this.seen).containsExactly("first ack timed out", "second ack timed out", "third ack timed out");
	}

	@Test
	void theChainPassesOnEveryKindOfEvent() {
		for (Method method : SocketIOObserver.class.getMethods()) {
			assertThatCode(() -> ObserverChain.class.getDeclaredMethod(method.getName(), method.getParameterTypes()))
				.as("ObserverChain overrides %s", method.getName())
				.doesNotThrowAnyException();
		}
	}

	/** Writes each event it sees, prefixed with its name. */
	private final class Recording implements SocketIOObserver {

		private final String name;

		Recording(String name) {
			this.name = name;
		}

		private void saw(String what) {
			ObserverChainTests.this.seen.add(this.name + " " + what);
		}

		@Override
		public void socketConnected(Namespace namespace, boolean recovered) {
			saw("connected");
		}

		@Override
		public void socketDisconnected(Namespace namespace, DisconnectReason reason) {
			saw("disconnected");
		}

		@Override
		public void connectRefused(Namespace namespace, String reason) {
			saw("refused");
		}

		@Override
		public void packetsSent(Namespace namespace, int recipients) {
			saw("sent " + recipients);
		}

		@Override
		public void broadcast(Namespace namespace, boolean local) {
			saw("broadcast");
		}

		@Override
		public void ackTimedOut(Namespace namespace) {
			saw("ack timed out");
		}

		@Override
		public void recoveryAttempted(Namespace namespace, boolean recovered) {
			saw("recovery");
		}

	}

}
