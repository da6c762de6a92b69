package io.github.springsocketio.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * The transport a session uses now, polling or WebSocket: whether it takes packets now, where a flush writes them,
 * what it holds besides, and how it is ended.
 *
 * <p>Confined to the session's event loop, but for {@link #kind()}, which any thread may read. Before the session
 * opens it carries nothing; once open it is exactly one of the two, and only an upgrade changes which.
 */
final class ActiveTransport {

	private final TransportUpgrade upgrade;

	private volatile Transport kind;

	private @Nullable PollingTransport polling;

	private @Nullable WebSocketTransport webSocket;

	/**
	 * @param kind the transport the session is opened on
	 * @param upgrade the session's upgrade: once its probe is answered, polls get no packets
	 */
	ActiveTransport(Transport kind, TransportUpgrade upgrade) {
		this.kind = kind;
		this.upgrade = upgrade;
	}

	/** @return the transport carrying the session; read from any thread */
	Transport kind() {
		return this.kind;
	}

	/** @return the polling transport, {@code null} on WebSocket */
	@Nullable PollingTransport polling() {
		return this.polling;
	}

	void usePolling(PollingTransport polling) {
		this.polling = polling;
		this.kind = Transport.POLLING;
	}

	/** Opens on, or upgrades to, a WebSocket: polling is left for good. */
	void useWebSocket(WebSocketTransport webSocket) {
		this.polling = null;
		this.webSocket = webSocket;
		this.kind = Transport.WEBSOCKET;
	}

	/** @return whether packets and events from this source belong to the session (not a probe, not a stale one) */
	boolean carries(Object source) {
		return source == this.polling || source == this.webSocket;
	}

	/**
	 * @return whether the transport takes packets right now without queueing them: a WebSocket below its write
	 * high-water mark, a poll waiting while no probe was answered
	 */
	boolean takesPacketsNow() {
		if (this.webSocket != null) {
			return this.webSocket.writableNow();
		}
		return isPollWaiting();
	}

	/** @return whether a flush can write now: always on WebSocket, over polling only into a waiting poll */
	boolean canWrite() {
		return this.webSocket != null || isPollWaiting();
	}

	private boolean isPollWaiting() {
		return this.polling != null && this.polling.hasPendingGet() && !this.upgrade.isProbed();
	}

	/** Writes packets out; the caller checked {@link #canWrite()}. */
	void write(List<EnginePacket> packets) {
		if (this.webSocket != null) {
			this.webSocket.write(packets);
		}
		else if (this.polling != null) {
			this.polling.write(packets);
		}
	}

	/** @return the bytes the transport holds besides the session's buffer: written, not yet handed to the socket */
	long heldBytes() {
		return (this.webSocket != null) ? this.webSocket.pendingBytes() : 0;
	}

	/** Reads a POST body into the session over polling; one that came after the upgrade is refused. */
	HttpReply receive(byte[] body, boolean binaryPayload) {
		return (this.polling != null) ? this.polling.receive(body, binaryPayload) : HttpReply.error(EngineIoError.BAD_REQUEST);
	}

	/** Refuses a poll that came after the upgrade, once what the WebSocket already sent has gone out. */
	void refuseLatePoll(MonoSink<HttpReply> get) {
		HttpReply refusal = HttpReply.error(EngineIoError.BAD_REQUEST);
		if (this.webSocket != null) {
			this.webSocket.afterPendingWrites(() -> get.success(refusal));
		}
		else {
			get.success(refusal);
		}
	}

	/**
	 * Ends the transport with the session. A waiting poll learns of the end from a close packet, or gets a noop when
	 * the client closed; a WebSocket is closed, or dropped at once for a slow client or to shed load.
	 * @param reason why the session ended
	 */
	void end(CloseReason reason) {
		if (this.polling != null) {
			this.polling.answerIfPending(
					(reason == CloseReason.TRANSPORT_CLOSE) ? EnginePacket.NOOP_PACKET : EnginePacket.CLOSE_PACKET);
		}
		if (this.webSocket != null) {
			if (reason == CloseReason.SLOW_CLIENT || reason == CloseReason.SERVER_OVERLOADED) {
				this.webSocket.abort();
			}
			else {
				this.webSocket.close();
			}
		}
	}

}
