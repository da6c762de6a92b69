package io.github.springsocketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;


/**
 * The packets waiting to leave one session: counted against the slow-client limit, and flushed once per turn of the
 * session's event loop however many sends that turn made. Confined to that loop.
 */
final class OutboundBuffer {

	// Sized for an idle connection, which holds one for its life; it grows when packets wait.
	private final ArrayDeque<EnginePacket> packets = new ArrayDeque<>(1);

	private final long maxBytes;

	private final SessionLoop loop;

	private final Runnable flush;

	private final Runnable scheduledFlush = this::flushScheduled;

	private final SessionMemory memory;

	private long bytes;

	/** Bytes of a backlog allowed above the limit until the client has drained it. */
	private long backlogAllowance;

	private boolean flushScheduled;

	/**
	 * @param maxBytes the slow-client limit
	 * @param loop the session's loop
	 * @param flush what writes the packets out, run at the end of a turn in which packets were added
	 * @param memory the session's count of the bytes it holds
	 */
	OutboundBuffer(long maxBytes, SessionLoop loop, Runnable flush, SessionMemory memory) {
		this.maxBytes = maxBytes;
		this.loop = loop;
		this.flush = flush;
		this.memory = memory;
	}

	/**
	 * Queues a packet. A backlog allowed above the limit stops being allowed once the client has drained it below.
	 * @param packet the packet
	 * @param held the bytes the transport holds besides: written, not yet handed to the socket
	 * @return whether the bytes waiting, these included, are still within the limit
	 */
	boolean add(EnginePacket packet, long held) {
		if (this.backlogAllowance > 0 && this.bytes + held <= this.maxBytes) {
			this.backlogAllowance = 0; // drained
		}
		return append(packet, held);
	}

	/**
	 * Queues a packet of a backlog the client asked for: the limit is raised by its size until the backlog drains.
	 * @param packet the packet
	 * @param held the bytes the transport holds besides
	 * @return whether the bytes waiting are still within the limit
	 */
	boolean addBacklog(EnginePacket packet, long held) {
		this.backlogAllowance += packet.length();
		return append(packet, held);
	}

	private boolean append(EnginePacket packet, long held) {
		this.packets.add(packet);
		this.bytes += packet.length();
		this.memory.add(packet.length());
		return this.bytes + held <= this.maxBytes + this.backlogAllowance;
	}

	/** @return the bytes of the packets waiting */
	long bytes() {
		return this.bytes;
	}

	boolean isEmpty() {
		return this.packets.isEmpty();
	}

	/** @return the packets waiting, in order; the buffer is then empty */
	List<EnginePacket> drain() {
		List<EnginePacket> drained = new ArrayList<>(this.packets);
		clear();
		return drained;
	}

	/** Drops the packets waiting. */
	void clear() {
		this.packets.clear();
		this.memory.add(-this.bytes);
		this.bytes = 0;
	}

	/**
	 * Coalesces the sends of one event-loop turn into one write and one flush. Called on the loop, or while the
	 * session moves to another loop by a task the old loop still runs: the flush is then handed over behind the move.
	 */
	void scheduleFlush() {
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			if (this.loop.inEventLoop()) {
				FlushBatch.add(this, this.loop.eventLoop());
			}
			else {
				this.loop.submit(this.scheduledFlush);
			}
		}
	}

	/** The end of the turn: writes what the turn added. */
	void flushScheduled() {
		this.flushScheduled = false;
		this.flush.run();
	}

}
