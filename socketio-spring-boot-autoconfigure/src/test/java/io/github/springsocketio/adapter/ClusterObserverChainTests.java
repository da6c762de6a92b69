package io.github.springsocketio.adapter;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several observers of a cluster adapter each see every event, in the order they were added.
 */
class ClusterObserverChainTests {

	private final List<String> seen = new ArrayList<>();

	@Test
	void aSingleObserverIsCalledDirectly() {
		ClusterObserver only = new Recording("only");
		assertThat(ClusterObserverChain.append(ClusterObserver.NONE, only)).isSameAs(only);
	}

	@Test
	void everyObserverSeesEveryEventInTheOrderAdded() {
		ClusterObserver chain = ClusterObserverChain.append(
				ClusterObserverChain.append(ClusterObserver.NONE, new Recording("meters")), new Recording("app"));
		chain.published(ClusterMessageType.BROADCAST, 5, true);
		chain.received(ClusterMessageType.SOCKETS_JOIN);
		chain.requestTimedOut(ClusterMessageType.FETCH_SOCKETS);
		assertThat(this.seen).containsExactly("meters published BROADCAST", "app published BROADCAST",
				"meters received SOCKETS_JOIN", "app received SOCKETS_JOIN", "meters timed out FETCH_SOCKETS",
				"app timed out FETCH_SOCKETS");
	}

	@Test
	void anObserverAddedTwiceIsKeptOnce() {
		ClusterObserver meters = new Recording("meters");
		ClusterObserver chain = ClusterObserverChain.append(ClusterObserverChain.append(meters, new Recording("app")),
				meters);
		chain.received(ClusterMessageType.BROADCAST);
		assertThat(this.seen).containsExactly("meters received BROADCAST", "app received BROADCAST");
	}

	private final class Recording implements ClusterObserver {

		private final String name;

		Recording(String name) {
			this.name = name;
		}

		@Override
		public void published(ClusterMessageType type, long nanos, boolean success) {
			ClusterObserverChainTests.this.seen.add(this.name + " published " + type);
		}

		@Override
		public void received(ClusterMessageType type) {
			ClusterObserverChainTests.this.seen.add(this.name + " received " + type);
		}

		@Override
		public void requestTimedOut(ClusterMessageType type) {
			ClusterObserverChainTests.this.seen.add(this.name + " timed out " + type);
		}

	}

}
