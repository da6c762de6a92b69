package io.github.springsocketio.engine;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes one session's packets, sent from any thread, to the transport it uses now: on the session's event loop,
 * within the slow-client limit, written once per turn of the loop.
 *
 * <p>A send made on the loop is buffered at once, one from another thread is handed to the loop first; either way
 * packets leave in the order they were sent. State is confined to the loop: the buffer, and through the session its
 * state, which says whether packets are still taken.
 */
final class SessionSender {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	private final Session session;

	private final SessionLoop loop;

	private final ActiveTransport transport;

	private final OutboundBuffer buffer;

	private final long maxBufferedBytes;

	private final SessionMemory memory;

	// made once, so that a send on the loop allocates nothing
	private final Consumer<EnginePacket> sendOne = this::sendNow;

	private final Consumer<List<EnginePacket>> sendAll = this::sendNow;

	private final Consumer<List<EnginePacket>> sendBacklog = this::sendBacklogNow;

	private final Consumer<List<EnginePacket>> sendVolatile = this::sendIfWritable;

	/**
	 * @param session the session whose packets these are: whether it still takes them, and what ends it
	 * @param loop the session's loop
	 * @param transport the transport the session uses now
	 * @param maxBufferedBytes the slow-client limit
	 * @param memory the session's count of the bytes it holds: the buffer, and what the transport has not sent yet
	 */
	SessionSender(Session session, SessionLoop loop, ActiveTransport transport, long maxBufferedBytes,
			SessionMemory memory) {
		this.session = session;
		this.loop = loop;
		this.transport = transport;
		this.maxBufferedBytes = maxBufferedBytes;
		this.memory = memory;
		this.buffer = new OutboundBuffer(maxBufferedBytes, loop, this::flush, memory);
	}

	/** Queues a packet; see {@link EngineIoSession#send(EnginePacket)}. */
	void send(EnginePacket packet) {
		this.loop.execute(this.sendOne, packet);
	}

	/** Queues packets that leave together; see {@link EngineIoSession#send(List)}. */
	void send(List<EnginePacket> packets) {
		this.loop.execute(this.sendAll, packets);
	}

	/** Queues a backlog allowed above the limit; see {@link EngineIoSession#sendBacklog(List)}. */
	void sendBacklog(List<EnginePacket> packets) {
		this.loop.execute(this.sendBacklog, packets);
	}

	/** Sends packets only if the transport takes them now; see {@link EngineIoSession#sendVolatile(List)}. */
	void sendVolatile(List<EnginePacket> packets) {
		this.loop.execute(this.sendVolatile, packets);
	}

	private void sendNow(EnginePacket packet) {
		buffer(packet);
		scheduleFlush();
	}

	private void sendNow(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			buffer(packet);
		}
		scheduleFlush();
	}

	private void sendBacklogNow(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			if (!this.session.isClosed() && !this.buffer.addBacklog(packet, this.transport.heldBytes())) {
				closeSlowClient();
			}
		}
		scheduleFlush();
	}

	/**
	 * Queues volatile packets only if the transport can take them now. Packets already queued this turn do not
	 * count: they are flushed at the end of the turn, together with these.
	 */
	private void sendIfWritable(List<EnginePacket> packets) {
		if (this.session.isOpen() && this.transport.takesPacketsNow()) {
			sendNow(packets);
		}
		else {
			this.session.observer().packetsDropped(packets.size());
		}
	}

	/** Queues a packet and writes what waits at once rather than at the end of the turn. Called on the loop. */
	void sendAtOnce(EnginePacket packet) {
		buffer(packet);
		flush();
	}

	/** Queues a packet unless the session has ended; a client too slow to take what waits is closed. */
	private void buffer(EnginePacket packet) {
		if (!this.session.isClosed() && !this.buffer.add(packet, this.transport.heldBytes())) {
			closeSlowClient();
		}
	}

	private void closeSlowClient() {
		long pending = this.buffer.bytes() + this.transport.heldBytes();
		logger.warn("Closing session " + this.session.id() + ": " + pending + " bytes wait to be sent, more than the "
				+ this.maxBufferedBytes + " allowed; the client is not reading fast enough");
		this.session.terminate(CloseReason.SLOW_CLIENT);
	}

	private void scheduleFlush() {
		if (!this.session.isClosed()) {
			this.buffer.scheduleFlush();
		}
	}

	/**
	 * Writes what waits if the transport can take it now; else it waits for the next flush (a poll, the end of an
	 * upgrade). Called on the loop.
	 */
	void flush() {
		if (this.session.isClosed() || this.buffer.isEmpty() || !this.transport.canWrite()) {
			return;
		}
		long bytes = this.buffer.bytes();
		List<EnginePacket> packets = this.buffer.drain();
		this.transport.write(packets);
		// what the WebSocket could not hand to the socket yet still counts against the memory budget
		this.memory.sampleTransport();
		this.session.observer().bytesSent(this.transport.kind(), bytes);
		if (packets.get(packets.size() - 1).isClose()) {
			this.session.onClosePacketWritten();
		}
	}

	/** Drops what waits: the session has ended. */
	void clear() {
		this.buffer.clear();
	}

}
