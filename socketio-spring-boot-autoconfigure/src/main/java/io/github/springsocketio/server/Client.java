package io.github.springsocketio.server;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoSession;
import io.github.springsocketio.engine.EngineMessage;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.InvalidPacketException;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketReader;
import io.github.springsocketio.protocol.PacketLimitException;
import io.github.springsocketio.protocol.PacketType;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO side of one Engine.IO connection: decodes its packets and routes them to its sockets, one per
 * namespace joined. Confined to the connection's event loop.
 */
final class Client {

	private static final Log logger = LogFactory.getLog(Client.class);

	final EngineIoSession session;

	private final SocketIOServer server;

	private final PacketReader decoder;

	private final Map<String, SocketIOSocket> sockets = new HashMap<>(2);

	// The two sets below are immutable and replaced on change: they hold a few names at most, and most connections
	// never hold any, for which the shared empty set costs nothing (a HashSet costs about 90 bytes).
	private Set<String> connecting = Set.of();

	/** Namespaces the server disconnected: what the client sent them before it learnt so is dropped, not an error. */
	private Set<String> disconnectedByServer = Set.of();

	private @Nullable ScheduledFuture<?> connectTimer;

	/** Completes when the connection closes; made on first use, see {@link #closed()}. */
	private Sinks.@Nullable Empty<Void> closed;

	private boolean open = true;

	/** A Socket.IO 2.x client (Engine.IO v3): joined to {@code /} at once, namespace queries as auth. */
	final boolean v3;

	Client(SocketIOServer server, EngineIoSession session) {
		this.server = server;
		this.session = session;
		this.decoder = server.parser().newReader();
		this.v3 = session.protocol() == 3;
	}

	void onOpen() {
		this.connectTimer = this.session.schedule(() -> {
			if (this.sockets.isEmpty()) {
				logger.debug("Connection " + this.session.id() + " joined no namespace in time; closing it");
				this.session.close();
			}
		}, this.server.options().connectTimeout());
		if (this.v3) {
			// a 2.x client never asks for the main namespace: it is in it from the start, as in Node.js
			connect("/", JsonNodeFactory.instance.objectNode());
		}
	}

	void onMessage(EngineMessage message) {
		long held = this.decoder.bufferedBytes();
		Packet packet;
		try {
			packet = this.decoder.read(message);
		}
		catch (InvalidPacketException ex) {
			if (ex instanceof PacketLimitException limit) {
				this.server.observer().limitExceeded(Limit.of(limit));
			}
			protocolViolation(ex.getMessage());
			return;
		}
		finally {
			// a binary packet's parts count against the memory budget while it waits for the rest
			this.session.heldBytesChanged(this.decoder.bufferedBytes() - held);
		}
		if (packet != null) {
			onPacket(packet);
		}
	}

	private void onPacket(Packet packet) {
		String namespace = packet.namespace();
		if (packet.type() == PacketType.CONNECT) {
			if (this.v3) {
				connectV3(namespace);
				return;
			}
			connectOnce(namespace,
					(packet.data() instanceof ObjectNode auth) ? auth : JsonNodeFactory.instance.objectNode());
			return;
		}
		if (packet.type() == PacketType.CONNECT_ERROR) {
			protocolViolation("CONNECT_ERROR sent by a client");
			return;
		}
		SocketIOSocket socket = this.sockets.get(namespace);
		if (socket == null && this.disconnectedByServer.contains(namespace)) {
			logger.debug("Connection " + this.session.id() + " sent " + packet.type() + " to " + namespace
					+ " after the server disconnected it there: dropped");
			return;
		}
		if (socket == null) {
			protocolViolation(packet.type() + " for namespace " + namespace + ", which the client has not joined");
			return;
		}
		if (eventNameLength(packet) > this.server.options().limits().eventNameLength()) {
			this.server.observer().limitExceeded(Limit.EVENT_NAME_LENGTH);
			protocolViolation("event name past the limit");
			return;
		}
		socket.connection.onPacket(packet);
	}

	private void connectOnce(String namespace, ObjectNode auth) {
		if (this.sockets.containsKey(namespace)) {
			protocolViolation("second CONNECT to namespace " + namespace);
			return;
		}
		if (this.connecting.contains(namespace)) {
			// the JavaScript client sends one when connect() is called on a socket still connecting
			logger.debug("Connection " + this.session.id() + " repeated its pending CONNECT to " + namespace);
			return;
		}
		this.disconnectedByServer = minus(this.disconnectedByServer, namespace);
		connect(namespace, auth);
	}

	/**
	 * A 2.x client's CONNECT: its namespace may carry a query string ({@code /admin?token=abc}), which becomes the
	 * auth object of string values, as Node.js reads it.
	 */
	private void connectV3(String namespaceAndQuery) {
		int question = namespaceAndQuery.indexOf('?');
		if (question < 0) {
			connectOnce(namespaceAndQuery, JsonNodeFactory.instance.objectNode());
			return;
		}
		ObjectNode auth = JsonNodeFactory.instance.objectNode();
		try {
			new QueryStringDecoder(namespaceAndQuery.substring(question), StandardCharsets.UTF_8, false)
				.parameters()
				// the last value of a repeated name wins, as in Node.js
				.forEach((name, values) -> auth.put(name, values.get(values.size() - 1)));
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Connection " + this.session.id() + " sent a malformed namespace query; ignoring it");
		}
		connectOnce(namespaceAndQuery.substring(0, question), auth);
	}

	private void connect(String name, ObjectNode auth) {
		SocketIOLimits limits = this.server.options().limits();
		Namespace namespace = null;
		if (this.sockets.size() + this.connecting.size() >= limits.namespacesPerConnection()) {
			this.server.observer().limitExceeded(Limit.NAMESPACES_PER_CONNECTION);
		}
		else if (name.length() > limits.namespaceNameLength()) {
			// refused before any matcher reads it
			this.server.observer().limitExceeded(Limit.NAMESPACE_NAME_LENGTH);
		}
		else {
			namespace = this.server.namespaceRegistry().resolve(name, auth);
		}
		if (namespace == null) {
			logger.debug("Connection " + this.session.id() + " was refused a namespace");
			this.server.observer().connectRefused(null, "invalid-namespace");
			ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace");
			write(this.server.parser().encode(new Packet(PacketType.CONNECT_ERROR, name, error, Packet.NO_ID)));
			return;
		}
		this.connecting = plus(this.connecting, name);
		namespace.connect(this, auth);
	}

	/** @return the length of an event's name, 0 for other packets */
	private static int eventNameLength(Packet packet) {
		return (packet.type() == PacketType.EVENT && packet.data() instanceof ArrayNode data)
				? Payloads.eventName(data.get(0)).length() : 0;
	}

	/** The client broke the protocol: its sockets leave with {@code parse error}, then its connection is closed. */
	private void protocolViolation(String problem) {
		logger.debug("Closing connection " + this.session.id() + ": " + problem);
		closeSockets(DisconnectReason.PARSE_ERROR);
		this.session.close(CloseReason.PARSE_ERROR);
	}

	void add(SocketIOSocket socket) {
		this.connecting = minus(this.connecting, socket.namespace().name());
		this.sockets.put(socket.namespace().name(), socket);
		if (this.connectTimer != null) {
			this.connectTimer.cancel(false);
			this.connectTimer = null;
		}
	}

	void connectFinished(String namespace) {
		this.connecting = minus(this.connecting, namespace);
	}

	void remove(SocketIOSocket socket) {
		this.sockets.remove(socket.namespace().name(), socket);
	}

	/**
	 * Remembers that the server sent the client a DISCONNECT for the socket's namespace, so that the packets the
	 * client sent there meanwhile do not close the whole connection (kept to the namespaces a connection may join).
	 */
	void disconnectedByServer(SocketIOSocket socket) {
		if (this.disconnectedByServer.size() < this.server.options().limits().namespacesPerConnection()) {
			this.disconnectedByServer = plus(this.disconnectedByServer, socket.namespace().name());
		}
	}

	/** @return an immutable set of the names and one more */
	private static Set<String> plus(Set<String> names, String name) {
		if (names.contains(name)) {
			return names;
		}
		String[] all = names.toArray(new String[names.size() + 1]);
		all[all.length - 1] = name;
		return Set.of(all);
	}

	/** @return an immutable set of the names but one */
	private static Set<String> minus(Set<String> names, String name) {
		if (!names.contains(name)) {
			return names;
		}
		return names.stream().filter((other) -> !other.equals(name)).collect(Collectors.toUnmodifiableSet());
	}

	void write(List<EnginePacket> packets) {
		this.session.send(packets);
	}

	/** {@code socket.disconnect(true)}: every socket leaves, then the connection closes. */
	void disconnectAll() {
		for (SocketIOSocket socket : List.copyOf(this.sockets.values())) {
			write(this.server.parser()
				.encode(new Packet(PacketType.DISCONNECT, socket.namespace().name(), null, Packet.NO_ID)));
			socket.connection.onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		}
		this.session.close();
	}

	/**
	 * Completes when the connection closes, on its event loop: work done for this client that is moot then (a
	 * recovery waiting for its turn) stops with it.
	 */
	Mono<Void> closed() {
		if (!this.open) {
			return Mono.empty();
		}
		if (this.closed == null) {
			this.closed = Sinks.empty();
		}
		return this.closed.asMono();
	}

	void onClose(CloseReason reason) {
		this.open = false;
		if (this.closed != null) {
			this.closed.tryEmitEmpty();
		}
		if (this.connectTimer != null) {
			this.connectTimer.cancel(false);
		}
		closeSockets(DisconnectReason.of(reason));
	}

	private void closeSockets(DisconnectReason reason) {
		for (SocketIOSocket socket : List.copyOf(this.sockets.values())) {
			socket.connection.onClose(reason);
		}
		this.sockets.clear();
	}

}
