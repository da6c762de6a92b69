package io.github.springsocketio.annotation;

import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;

/**
 * One call of a handler: what its parameters are resolved from.
 *
 * @param socket the socket
 * @param event the event name, empty for connect and disconnect
 * @param args the event's arguments, empty for connect and disconnect
 * @param ack the event's acknowledgement, {@link Ack#NONE} when none was asked for
 * @param reason the disconnect reason, for disconnect handlers
 * @param exception the failure, for exception handlers
 */
record Invocation(SocketIOSocket socket, String event, Arguments args, Ack ack, @Nullable DisconnectReason reason,
		@Nullable Throwable exception) {

	Invocation withException(Throwable exception) {
		return new Invocation(this.socket, this.event, this.args, this.ack, this.reason, exception);
	}

}
