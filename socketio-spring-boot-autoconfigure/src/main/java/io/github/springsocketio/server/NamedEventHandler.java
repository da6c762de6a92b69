package io.github.springsocketio.server;

/**
 * Handles the events of several names with one object, told the name of each. Runs on the connection's event loop:
 * do not block in it.
 *
 * <pre>{@code
 * socket.on(Set.of("join", "leave"), (event, args, ack) -> ack.send(event + " done"));
 * }</pre>
 *
 * @see SocketIOSocket#on(java.util.Set, NamedEventHandler)
 */
@FunctionalInterface
public interface NamedEventHandler {

	/**
	 * @param event the event's name, one of those the handler was registered for
	 * @param args the event's arguments
	 * @param ack answers the client, if it asked for an acknowledgement ({@link Ack#NONE} otherwise)
	 */
	void onEvent(String event, Arguments args, Ack ack);

}
