package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.engine.EnginePacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Holds back the broadcasts for a restored socket while the events it missed are read once more, then lets them
 * through in order, without those the replay already wrote.
 */
final class HoldBackGate {

	private final Writer writer;

	/** The broadcasts held back while the gate is shut; {@code null} while it is open, as it nearly always is. */
	private volatile @Nullable List<Held> held;

	/** @param writer writes a broadcast to the connection */
	HoldBackGate(Writer writer) {
		this.writer = writer;
	}

	/** Holds back the broadcasts offered from now on. */
	synchronized void shut() {
		this.held = new ArrayList<>();
	}

	/**
	 * Writes what was held back, in the order it came, but those whose offset was already written, and lets the next
	 * broadcasts through. Under the lock, so a broadcast offered meanwhile waits and comes after them.
	 * @param written the offsets of the events already written to the client
	 */
	synchronized void open(Set<String> written) {
		List<Held> held = this.held;
		this.held = null;
		if (held == null) {
			return;
		}
		for (Held broadcast : held) {
			if (broadcast.offset() == null || !written.contains(broadcast.offset())) {
				this.writer.write(broadcast.packets(), broadcast.flags());
			}
		}
	}

	/**
	 * Hands a broadcast to the connection, unless the gate is shut.
	 * @param data the packet's data, whose last element is its offset when it has one
	 */
	void offer(List<EnginePacket> packets, BroadcastFlags flags, @Nullable JsonNode data) {
		if (this.held != null) {
			synchronized (this) {
				List<Held> held = this.held;
				if (held != null) {
					held.add(new Held(Namespace.offsetOf(data), packets, flags));
					return;
				}
			}
		}
		this.writer.write(packets, flags);
	}

	/** Writes encoded packets to the connection. */
	@FunctionalInterface
	interface Writer {

		void write(List<EnginePacket> packets, BroadcastFlags flags);

	}

	private record Held(@Nullable String offset, List<EnginePacket> packets, BroadcastFlags flags) {
	}

}
