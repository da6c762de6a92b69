package io.github.springsocketio.server;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Answers one event of a socket's client that asked for an acknowledgement, once. */
final class SocketAck implements Ack {

	private static final Log logger = LogFactory.getLog(SocketIOSocket.class);

	private final SocketIOSocket socket;

	private final long ackId;

	private final AtomicBoolean sent = new AtomicBoolean();

	SocketAck(SocketIOSocket socket, long ackId) {
		this.socket = socket;
		this.ackId = ackId;
	}

	@Override
	public boolean requested() {
		return true;
	}

	@Override
	public void send(Object... args) {
		if (!this.sent.compareAndSet(false, true)) {
			logger.debug("Acknowledgement " + this.ackId + " of socket " + this.socket.id() + " already sent");
			return;
		}
		this.socket.connection.answer(this.ackId, args);
	}

}
