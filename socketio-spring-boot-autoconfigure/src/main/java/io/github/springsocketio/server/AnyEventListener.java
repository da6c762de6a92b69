package io.github.springsocketio.server;

/**
 * Sees every event of a socket (incoming or outgoing, depending on where it is registered).
 *
 * <pre>{@code
 * socket.onAny((event, args) -> log.debug("{} <- {}", event, args));
 * }</pre>
 */
@FunctionalInterface
public interface AnyEventListener {

	/**
	 * @param event the event name
	 * @param args its arguments
	 */
	void onEvent(String event, Arguments args);

}
