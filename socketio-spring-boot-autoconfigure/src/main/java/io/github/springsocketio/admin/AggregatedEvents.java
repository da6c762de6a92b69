package io.github.springsocketio.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoObserver;
import io.github.springsocketio.engine.Transport;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOObserver;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the dashboard charts, per second, between two statistics messages: Engine.IO connections and
 * disconnections (by reason), packets and bytes in and out, and how many connections still poll. Packets are counted
 * as Socket.IO events received and packets sent, bytes as the transports read and wrote them. Called on every event
 * loop, so it takes no lock: a count made while the statistics are being taken may land in the next message or, at
 * worst, be lost.
 */
final class AggregatedEvents implements EngineIoObserver, SocketIOObserver {

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	private final AtomicInteger pollingClients = new AtomicInteger();

	/** One item of {@code aggregatedEvents}. */
	record Item(long timestamp, String type, @Nullable String subType, long count) {
	}

	private record Key(long second, String type, @Nullable String subType) {
	}

	@Override
	public void sessionOpened(Transport transport) {
		push("rawConnection", null, 1);
		if (transport == Transport.POLLING) {
			this.pollingClients.incrementAndGet();
		}
	}

	@Override
	public void upgradeEnded(boolean success) {
		if (success) {
			this.pollingClients.decrementAndGet();
		}
	}

	@Override
	public void sessionClosed(Transport transport, CloseReason reason) {
		push("rawDisconnection", reason.description(), 1);
		if (transport == Transport.POLLING) {
			this.pollingClients.decrementAndGet();
		}
	}

	@Override
	public void bytesReceived(Transport transport, long bytes) {
		push("bytesIn", null, bytes);
	}

	@Override
	public void bytesSent(Transport transport, long bytes) {
		push("bytesOut", null, bytes);
	}

	@Override
	public void eventReceived(SocketIOSocket socket, String event) {
		push("packetsIn", null, 1);
	}

	@Override
	public void packetsSent(Namespace namespace, int recipients) {
		push("packetsOut", null, recipients);
	}

	int pollingClients() {
		return Math.max(0, this.pollingClients.get());
	}

	/** @return the counts since the last call, oldest first */
	List<Item> drain() {
		List<Item> items = new ArrayList<>();
		for (Key key : List.copyOf(this.counts.keySet())) {
			LongAdder count = this.counts.remove(key);
			if (count != null) {
				items.add(new Item(key.second(), key.type(), key.subType(), count.sum()));
			}
		}
		items.sort(Comparator.comparingLong(Item::timestamp));
		return items;
	}

	private void push(String type, @Nullable String subType, long count) {
		long now = System.currentTimeMillis();
		this.counts.computeIfAbsent(new Key(now - (now % 1000), type, subType), (key) -> new LongAdder()).add(count);
	}

}
