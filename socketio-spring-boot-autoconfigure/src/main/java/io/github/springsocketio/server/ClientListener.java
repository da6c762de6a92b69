package io.github.springsocketio.server;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoListener;
import io.github.springsocketio.engine.EngineIoSession;
import io.github.springsocketio.engine.EngineMessage;

/**
 * Connects each Engine.IO session to the Socket.IO {@link Client} that reads its messages, attached to the session so
 * that finding it costs nothing per message.
 */
final class ClientListener implements EngineIoListener {

	private final SocketIOServer server;

	ClientListener(SocketIOServer server) {
		this.server = server;
	}

	@Override
	public void onOpen(EngineIoSession session) {
		Client client = new Client(this.server, session);
		session.attach(client);
		client.onOpen();
	}

	@Override
	public void onMessage(EngineIoSession session, EngineMessage message) {
		Client client = session.attachment();
		if (client != null) {
			client.onMessage(message);
		}
	}

	@Override
	public void onClose(EngineIoSession session, CloseReason reason) {
		Client client = session.attachment();
		if (client != null) {
			client.onClose(reason);
		}
	}

}
