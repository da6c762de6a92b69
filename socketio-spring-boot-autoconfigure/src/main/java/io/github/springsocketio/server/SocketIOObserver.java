package io.github.springsocketio.server;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Sees what happens to a {@link SocketIOServer}'s sockets, for metrics. Called on event loops and on the hot path:
 * implementations must be cheap and must not block. Every method does nothing by default. A server has as many
 * observers as were added with {@link SocketIOServer#observe}, each getting every event.
 *
 * <pre>{@code server.observe(new SocketIOObserver() {
 *     public void socketConnected(Namespace namespace, boolean recovered) { connects.increment(); }
 * });}</pre>
 */
public interface SocketIOObserver {

	/** Observes nothing. */
	SocketIOObserver NONE = new SocketIOObserver() {
	};

	/**
	 * A socket joined a namespace.
	 * @param namespace the namespace
	 * @param recovered whether connection state recovery restored it
	 */
	default void socketConnected(Namespace namespace, boolean recovered) {
	}

	/**
	 * A socket is connected and its namespace's connection handlers are about to run: listeners added to it now see
	 * everything it receives and sends. Runs on the socket's event loop, after {@link #socketConnected}.
	 * @param socket the socket
	 */
	default void socketReady(SocketIOSocket socket) {
	}

	/**
	 * A socket is about to join rooms, some of which it may be in already; called before {@link #socketReady} for
	 * the rooms joined in a middleware, not for those the server joins it to when it connects.
	 * @param socket the socket, still in the rooms it was in
	 * @param rooms the rooms
	 */
	default void roomsJoining(SocketIOSocket socket, Set<String> rooms) {
	}

	/**
	 * A socket is about to leave a room it may not be in; not called for the rooms it leaves by disconnecting.
	 * @param socket the socket, still in the room if it was
	 * @param room the room
	 */
	default void roomLeaving(SocketIOSocket socket, String room) {
	}

	/**
	 * A socket left a namespace.
	 * @param namespace the namespace
	 * @param reason why
	 */
	default void socketDisconnected(Namespace namespace, DisconnectReason reason) {
	}

	/**
	 * A client was refused a namespace (CONNECT_ERROR sent).
	 * @param namespace the namespace it asked for, or {@code null} when no such namespace exists
	 * @param reason {@code invalid-namespace}, {@code authentication} or {@code middleware}
	 */
	default void connectRefused(@Nullable Namespace namespace, String reason) {
	}

	/**
	 * A socket received an event.
	 * @param socket the socket (its namespace and handlers tell whether the event name is a known one)
	 * @param event the event name, as the client sent it
	 */
	default void eventReceived(SocketIOSocket socket, String event) {
	}

	/**
	 * Packets were handed to clients.
	 * @param namespace the namespace
	 * @param recipients how many sockets got the packet
	 */
	default void packetsSent(Namespace namespace, int recipients) {
	}

	/**
	 * A broadcast was made.
	 * @param namespace the namespace
	 * @param local whether it stayed on this node
	 */
	default void broadcast(Namespace namespace, boolean local) {
	}

	/**
	 * An acknowledgement the server waited for did not come in time.
	 * @param namespace the namespace
	 */
	default void ackTimedOut(Namespace namespace) {
	}

	/**
	 * A client asked connection state recovery for its session.
	 * @param namespace the namespace
	 * @param recovered whether it was restored
	 */
	default void recoveryAttempted(Namespace namespace, boolean recovered) {
	}

	/**
	 * A client went past a limit and was refused what it asked for.
	 * @param limit the limit
	 */
	default void limitExceeded(Limit limit) {
	}

}
