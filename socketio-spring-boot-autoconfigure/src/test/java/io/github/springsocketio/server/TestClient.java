package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One socket of an official client library, connected to one namespace, seen the same way whichever library it is:
 * arguments are JSON trees with binary values as {@code BinaryNode}s, and every wait is bounded by {@link #TIMEOUT}.
 */
interface TestClient {

	/** How long any wait for a client takes at most: generous, for a loaded machine. */
	Duration TIMEOUT = Duration.ofSeconds(20);

	/** An event the client received. */
	record Received(String event, ArrayNode args, boolean ackRequested) {
	}

	/** The client library's acknowledgement timeout fired. */
	final class AckTimeout extends RuntimeException {

		AckTimeout(String message) {
			super(message);
		}

	}

	/** @return which library this is */
	ClientKind kind();

	/** Waits for the namespace to accept the socket; fails on a {@code connect_error}. @return the socket id */
	String awaitConnect();

	/** Waits for a {@code connect_error}. @return its {@code message} and {@code data} */
	ObjectNode awaitConnectError();

	/** @return the socket id the server gave, {@code null} before the connect */
	String id();

	void emit(String event, Object... args);

	/** @return the arguments of the server's acknowledgement */
	CompletableFuture<ArrayNode> emitWithAck(String event, Object... args);

	/** @return the arguments of the server's acknowledgement, or fails with {@link AckTimeout} */
	CompletableFuture<ArrayNode> emitWithAck(Duration timeout, String event, Object... args);

	/** Takes the next received event of that name, waiting for it. */
	Received awaitEvent(String event);

	/** @return every event of that name received so far */
	List<Received> events(String event);

	/**
	 * Acknowledges every later server event of that name (that asks for it) with these arguments, from the moment
	 * this returns.
	 */
	void answer(String event, Object... args);

	/** Waits for the socket to be disconnected. @return the client library's reason */
	String awaitDisconnect();

	/** Leaves the namespace ({@code socket.disconnect()}). */
	void disconnect();

	/** Opens a socket for another namespace on the same connection. */
	TestClient socket(String namespace, ClientOptions options);

}
