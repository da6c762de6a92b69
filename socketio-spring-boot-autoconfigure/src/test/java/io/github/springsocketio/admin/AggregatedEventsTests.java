package io.github.springsocketio.admin;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The counters of {@code aggregatedEvents}: summed per second, type and reason, emptied by each statistics message;
 * and the count of connections still polling.
 */
class AggregatedEventsTests {

	private final AggregatedEvents events = new AggregatedEvents();

	@Test
	void countsAreSummedPerTypeAndReasonAndEmptiedWhenTaken() {
		this.events.sessionOpened(Transport.WEBSOCKET);
		this.events.sessionOpened(Transport.WEBSOCKET);
		this.events.bytesReceived(Transport.WEBSOCKET, 10);
		this.events.bytesReceived(Transport.WEBSOCKET, 5);
		this.events.sessionClosed(Transport.WEBSOCKET, CloseReason.PING_TIMEOUT);

		assertThat(this.events.drain()).allSatisfy((item) -> assertThat(item.timestamp() % 1000).isZero())
			.extracting(AggregatedEvents.Item::type, AggregatedEvents.Item::subType, AggregatedEvents.Item::count)
			.containsExactlyInAnyOrder(tuple("rawConnection", null, 2L), tuple("bytesIn", null, 15L),
					tuple("rawDisconnection", "ping timeout", 1L));
		assertThat(this.events.drain()).isEmpty();
	}

	@Test
	void aPollingConnectionCountsUntilItUpgradesOrCloses() {
		this.events.sessionOpened(Transport.POLLING);
		this.events.sessionOpened(Transport.POLLING);
		this.events.sessionOpened(Transport.WEBSOCKET);
		assertThat(this.events.pollingClients()).isEqualTo(2);

		this.events.upgradeEnded(true);
		this.events.sessionClosed(Transport.POLLING, CloseReason.TRANSPORT_CLOSE);

		assertThat(this.events.pollingClients()).isZero();
	}

}
