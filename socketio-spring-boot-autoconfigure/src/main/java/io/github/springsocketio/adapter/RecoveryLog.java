package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

	private final KeptEvents events = new KeptEvents();

	private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

	RecoveryLog(Duration maxDisconnectionDuration) {
		this.maxDisconnectionDuration = maxDisconnectionDuration;
	}

	/**
	 * Numbers an event and keeps it.
	 * @return the event's data with its offset appended as last element
	 */
	ArrayNode append(ArrayNode data, BroadcastOptions options) {
		return this.events.append(data, options.rooms(), options.except(), System.currentTimeMillis());
	}

	void persist(PersistedSession session) {
		this.sessions.put(session.pid(), new Stored(session, System.currentTimeMillis()));
	}

	@Nullable RestoredSession restore(String pid, String offset) {
		Stored stored = this.sessions.remove(pid);
		if (stored == null || System.currentTimeMillis() - stored.disconnectedAt > this.maxDisconnectionDuration.toMillis()) {
			return null;
		}
		long number = number(offset);
		if (!this.events.isKept(number)) {
			return null;
		}
		PersistedSession session = stored.session;
		return new RestoredSession(session.sid(), session.pid(), session.rooms(), session.data(),
				this.events.after(number, session.rooms()));
	}

	/**
	 * @return the kept events after an offset aimed at those rooms, e.g. for a restored socket once it joined them
	 */
	List<ArrayNode> missedSince(String offset, Set<String> rooms) {
		long number = number(offset);
		return (number >= 0) ? this.events.after(number, rooms) : List.of();
	}

	/** Forgets sessions and events older than the recovery window. */
	void cleanUp() {
		long horizon = System.currentTimeMillis() - this.maxDisconnectionDuration.toMillis();
		this.sessions.values().removeIf((stored) -> stored.disconnectedAt < horizon);
		this.events.forgetBefore(horizon);
	}

	int packetCount() {
		return this.events.size();
	}

	/** @return the event number an offset names, or -1 when it names none */
	private static long number(String offset) {
		try {
			return Long.parseLong(offset, 36);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private record Stored(PersistedSession session, long disconnectedAt) {
	}

}
