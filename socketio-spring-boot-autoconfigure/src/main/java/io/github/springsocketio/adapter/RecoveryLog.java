package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * Connection state recovery on one node: the events emitted within the last {@code maxDisconnectionDuration}, each
 * numbered by an offset, and the sessions of sockets that lost their connection. Restoring a session consumes it.
 */
final class RecoveryLog {

	private final Duration maxDisconnectionDuration;

	private final AtomicLong sequence = new AtomicLong();

	private final ConcurrentSkipListMap<Long, StoredPacket> packets = new ConcurrentSkipListMap<>();

	private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

	RecoveryLog(Duration maxDisconnectionDuration) {
		this.maxDisconnectionDuration = maxDisconnectionDuration;
	}

	/**
	 * Numbers an event and keeps it.
	 * @return the event's data with its offset appended as last element
	 */
	ArrayNode append(ArrayNode data, BroadcastOptions options) {
		long seq = this.sequence.incrementAndGet();
		String offset = Long.toString(seq, 36);
		ArrayNode withOffset = data.deepCopy();
		withOffset.add(offset);
		this.packets.put(seq, new StoredPacket(System.currentTimeMillis(), withOffset, options.rooms(), options.except()));
		return withOffset;
	}

	void persist(PersistedSession session) {
		this.sessions.put(session.pid(), new Stored(session, System.currentTimeMillis()));
	}

	@Nullable RestoredSession restore(String pid, String offset) {
		Stored stored = this.sessions.remove(pid);
		if (stored == null || System.currentTimeMillis() - stored.disconnectedAt > this.maxDisconnectionDuration.toMillis()) {
			return null;
		}
		long seq;
		try {
			seq = Long.parseLong(offset, 36);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		if (!this.packets.containsKey(seq)) {
			return null;
		}
		PersistedSession session = stored.session;
		return new RestoredSession(session.sid(), session.pid(), session.rooms(), session.data(),
				after(seq, session.rooms()));
	}

	/**
	 * @return the kept events after an offset aimed at those rooms, e.g. for a restored socket once it joined them
	 */
	List<ArrayNode> missedSince(String offset, Set<String> rooms) {
		try {
			return after(Long.parseLong(offset, 36), rooms);
		}
		catch (NumberFormatException ex) {
			return List.of();
		}
	}

	private List<ArrayNode> after(long seq, Set<String> rooms) {
		List<ArrayNode> missed = new ArrayList<>();
		for (StoredPacket packet : this.packets.tailMap(seq, false).values()) {
			if ((packet.rooms.isEmpty() || intersects(packet.rooms, rooms)) && !intersects(packet.except, rooms)) {
				missed.add(packet.data);
			}
		}
		return missed;
	}

	/** Forgets sessions and events older than the recovery window. */
	void cleanUp() {
		long horizon = System.currentTimeMillis() - this.maxDisconnectionDuration.toMillis();
		this.sessions.values().removeIf((stored) -> stored.disconnectedAt < horizon);
		while (!this.packets.isEmpty()) {
			Map.Entry<Long, StoredPacket> first = this.packets.firstEntry();
			if (first == null || first.getValue().emittedAt >= horizon) {
				break;
			}
			this.packets.remove(first.getKey(), first.getValue());
		}
	}

	int packetCount() {
		return this.packets.size();
	}

	private static boolean intersects(Collection<String> a, Set<String> b) {
		for (String item : a) {
			if (b.contains(item)) {
				return true;
			}
		}
		return false;
	}

	private record StoredPacket(long emittedAt, ArrayNode data, Set<String> rooms, Set<String> except) {
	}

	private record Stored(PersistedSession session, long disconnectedAt) {
	}

}
