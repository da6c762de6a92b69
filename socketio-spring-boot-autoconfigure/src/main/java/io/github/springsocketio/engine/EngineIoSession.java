package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * One Engine.IO connection, identified by its secret session id. Safe to call from any thread: work is handed to the
 * session's event loop, so packets leave in the order they were sent.
 */
public interface EngineIoSession {

	/**
	 * The session id ({@code sid}): a secret, 20 URL-safe characters.
	 * @return the id
	 */
	String id();

	/** @return the transport currently carrying the session */
	Transport transport();

	/** @return the first request of the session */
	HandshakeRequest handshake();

	/** @return whether the session has not been closed yet */
	boolean isOpen();

	/**
	 * The Engine.IO protocol revision the client speaks, chosen once at the handshake.
	 * @return 4, or 3 for a Socket.IO 2.x client served because {@link EngineIoOptions#allowEio3()} is on
	 */
	default int protocol() {
		return 4;
	}

	/**
	 * Queues a packet.
	 * <pre>{@code session.send(EnginePacket.text("hello"));}</pre>
	 * @param packet the packet
	 */
	void send(EnginePacket packet);

	/**
	 * Queues packets that must leave together, with nothing in between (a Socket.IO packet and its attachments).
	 * @param packets the packets, in order
	 */
	void send(List<EnginePacket> packets);

	/**
	 * Queues a backlog the client asked for, such as the events a recovering client missed: it may exceed the
	 * slow-client limit once, since it is usually what made the client slow in the first place. Packets sent after it
	 * are held to the limit again once the backlog has drained below it.
	 * @param packets the packets, in order
	 */
	void sendBacklog(List<EnginePacket> packets);

	/**
	 * Sends packets only if the transport can take them right now (a polling request is waiting, or the WebSocket is
	 * not backed up); otherwise drops them. For data that is worthless when late.
	 * @param packets the packets, in order
	 */
	void sendVolatile(List<EnginePacket> packets);

	/**
	 * Closes the session from the server side ({@code forced close}) after the packets already queued are sent.
	 */
	void close();

	/**
	 * Closes the session with a given reason after the packets already queued are sent.
	 * @param reason the reason reported to the listener
	 */
	void close(CloseReason reason);

	/**
	 * Counts bytes the layer above keeps for this session (a positive change) or has let go (a negative one), such
	 * as the attachments of a binary packet still incomplete: they count against the endpoint's memory budget, and
	 * towards this session's share when the endpoint sheds load. Nothing is counted once the session is closed.
	 * @param change the change, in bytes
	 */
	default void heldBytesChanged(long change) {
	}

	/**
	 * Runs a task on this session's event loop, the thread that owns its state.
	 * @param task the task
	 */
	void execute(Runnable task);

	/**
	 * Runs a task on this session's event loop after a delay.
	 * @param task the task
	 * @param delay the delay
	 * @return the scheduled task, to cancel it
	 */
	ScheduledFuture<?> schedule(Runnable task, Duration delay);

	/**
	 * The event loop that owns this session. Work for many sessions can be grouped by it: one task per loop instead
	 * of one per session. It changes once when the session upgrades to WebSocket, to the WebSocket's loop: group by
	 * it for one hand-off, do not keep it; {@link #execute} always reaches the session's current loop.
	 * @return the event loop
	 */
	java.util.concurrent.Executor eventLoop();

	/** @return whether the calling thread is this session's event loop */
	boolean inEventLoop();

	/**
	 * An object the layer above keeps with the session (Socket.IO keeps its client there).
	 * @param <T> the expected type
	 * @return the attachment, or {@code null}
	 */
	<T> @Nullable T attachment();

	/**
	 * Sets the attachment.
	 * @param attachment the object to keep with the session
	 */
	void attach(@Nullable Object attachment);

}
