package io.github.springsocketio.server;

/**
 * Handles one event of a socket. Runs on the connection's event loop: do not block in it.
 *
 * <pre>{@code
 * socket.on("chat message", (args, ack) -> socket.broadcast().emit("chat message", args.node(0)));
 * }</pre>
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * @param args the event's arguments
	 * @param ack answers the client, if it asked for an acknowledgement ({@link Ack#NONE} otherwise)
	 */
	void onEvent(Arguments args, Ack ack);

}
