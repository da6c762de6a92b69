package io.github.springsocketio.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * as Socket.IO events received and packets sent, bytes as the transports read and wrote them.
 */
final class AggregatedEvents implements EngineIoObserver, SocketIOObserver {

	private final Map<Key, long[]> counts = new LinkedHashMap<>();

	private int pollingClients;

	/** One item of {@code aggregatedEvents}. */
	record Item(long timestamp, String type, @Nullable String subType, long count) {
	}

	private record Key(long second, String type, @Nullable String subType) {
	}

	@Override
	public void sessionOpened(Transport transport) {
		push("rawConnection", null, 1);
		if (transport == Transport.POLLING) {
			polling(1);
		}
	}

	@Override
	public void upgradeEnded(boolean success) {
		if (success) {
			polling(-1);
		}
	}

	@Override
	public void sessionClosed(Transport transport, CloseReason reason) {
		push("rawDisconnection", reason.description(), 1);
		if (transport == Transport.POLLING) {
			polling(-1);
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

	synchronized int pollingClients() {
		return Math.max(0, this.pollingClients);
	}

	/** @return the counts since the last call, oldest first */
	synchronized List<Item> drain() {
		List<Item> items = new ArrayList<>(this.counts.size());
		this.counts.forEach((key, count) -> items.add(new Item(key.second(), key.type(), key.subType(), count[0])));
		this.counts.clear();
		return items;
	}

	private synchronized void polling(int change) {
		this.pollingClients += change;
	}

	private synchronized void push(String type, @Nullable String subType, long count) {
		long now = System.currentTimeMillis();
		Key key = new Key(now - (now % 1000), type, subType);
		this.counts.computeIfAbsent(key, (k) -> new long[1])[0] += count;
	}

}
