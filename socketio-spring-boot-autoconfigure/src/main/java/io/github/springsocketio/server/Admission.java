package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets a client into one namespace: restores its recovered session if it asks for one, establishes who it is (the
 * server's {@link SocketAuthenticator}), runs the connect middlewares, then accepts it (CONNECT, the events it missed, the connection handlers) or refuses it
 * (CONNECT_ERROR). Each step runs on the client's event loop; the asynchronous ones come back to it.
 */
final class Admission {

	private static final Log logger = LogFactory.getLog(Admission.class);

	private final Namespace namespace;

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final List<Consumer<SocketIOSocket>> connectionHandlers = new CopyOnWriteArrayList<>();

	Admission(Namespace namespace) {
		this.namespace = namespace;
	}

	void use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
	}

	void onConnection(Consumer<SocketIOSocket> handler) {
		this.connectionHandlers.add(handler);
	}

	/** The parent's middlewares run first, as a dynamic namespace's children inherit them. */
	private List<ConnectMiddleware> middlewares() {
		ParentNamespace parent = this.namespace.parent();
		if (parent == null) {
			return this.middlewares;
		}
		List<ConnectMiddleware> all = new ArrayList<>(parent.middlewares());
		all.addAll(this.middlewares);
		return all;
	}

	private List<Consumer<SocketIOSocket>> connectionHandlers() {
		ParentNamespace parent = this.namespace.parent();
		if (parent == null) {
			return this.connectionHandlers;
		}
		List<Consumer<SocketIOSocket>> all = new ArrayList<>(parent.connectionHandlers());
		all.addAll(this.connectionHandlers);
		return all;
	}

	/** A client asks to join: try recovery, run the middlewares, then accept or refuse. */
	void connect(Client client, ObjectNode auth) {
		ConnectionStateRecoveryOptions recovery = this.namespace.recovery();
		JsonNode pid = auth.get("pid");
		JsonNode offset = auth.get("offset");
		if (recovery == null || pid == null || !pid.isString() || offset == null || !offset.isString()) {
			admit(client, auth, null);
			return;
		}
		this.namespace.adapter()
			.restoreSession(pid.stringValue(), offset.stringValue())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume((ex) -> {
				logger.debug("Could not restore session " + pid.stringValue(), ex);
				return Mono.just(Optional.empty());
			})
			// a client that gives up meanwhile stops its recovery: one still waiting for its turn leaves the queue
			.takeUntilOther(client.closed())
			.subscribe((restored) -> client.session.execute(() -> {
				this.namespace.observer().recoveryAttempted(this.namespace, restored.isPresent());
				admit(client, auth, restored.orElse(null));
			}));
	}

	private void admit(Client client, ObjectNode auth, @Nullable RestoredSession restored) {
		String offset = (restored != null) ? auth.path("offset").asString("") : "";
		if (!client.session.isOpen()) {
			this.namespace.released();
			return;
		}
		SocketIOSocket socket = new SocketIOSocket(this.namespace, client,
				Handshake.of(client.session.handshake(), auth), restored);
		SocketAuthenticator authenticator = this.namespace.authenticator();
		if (authenticator == SocketAuthenticator.ANONYMOUS) {
			authenticated(socket, restored, offset);
			return;
		}
		Mono.defer(() -> authenticator.authenticate(socket))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.subscribe((principal) -> client.session.execute(() -> {
				socket.authenticated(principal.orElse(null));
				authenticated(socket, restored, offset);
			}), (error) -> client.session.execute(() -> refuse(client, error, "authentication")));
	}

	private void authenticated(SocketIOSocket socket, @Nullable RestoredSession restored, String offset) {
		Client client = socket.client;
		if (!client.session.isOpen()) {
			client.connectFinished(this.namespace.name());
			this.namespace.released();
			return;
		}
		List<ConnectMiddleware> middlewares = middlewares();
		ConnectionStateRecoveryOptions recovery = this.namespace.recovery();
		if (middlewares.isEmpty() || (restored != null && recovery != null && recovery.skipMiddlewares())) {
			accept(socket, restored, offset);
			return;
		}
		Flux.fromIterable(middlewares)
			.concatMap((middleware) -> Mono.defer(() -> middleware.apply(socket)))
			.then()
			.subscribe(null, (error) -> client.session.execute(() -> refuse(client, error, "middleware")),
					() -> client.session.execute(() -> accept(socket, restored, offset)));
	}

	private void accept(SocketIOSocket socket, @Nullable RestoredSession restored, String offset) {
		Client client = socket.client;
		if (!client.session.isOpen()) {
			client.connectFinished(this.namespace.name());
			this.namespace.released();
			return;
		}
		this.namespace.add(socket);
		client.add(socket);
		socket.connection.onConnected();
		Set<String> rooms = new HashSet<>();
		rooms.add(socket.id());
		socket.principal().ifPresent((principal) -> rooms.add(UserRooms.of(principal.getName())));
		if (restored == null) {
			this.namespace.adapter().addAll(socket.id(), rooms);
			connected(socket, false);
			return;
		}
		rooms.addAll(restored.rooms());
		// Broadcasts reaching the socket from now on wait until the events it missed are written: the adapter read
		// those before the socket was back in its rooms, so it reads once more from there, and what came both ways
		// is written once, in order.
		socket.connection.holdBroadcasts();
		this.namespace.adapter().addAll(socket.id(), rooms);
		// missed events first, as the reference does; the client delivers them right after the connect
		Set<String> written = new HashSet<>();
		List<EnginePacket> backlog = new ArrayList<>();
		String last = offset;
		for (ArrayNode missed : restored.missedPackets()) {
			last = encodeMissed(missed, written, last, backlog);
		}
		String readFrom = last;
		this.namespace.adapter()
			.missedPackets(Set.copyOf(rooms), readFrom)
			.onErrorResume((ex) -> {
				logger.debug("Could not read again what socket " + socket.id() + " missed", ex);
				return Mono.just(List.of());
			})
			.defaultIfEmpty(List.of())
			.subscribe((late) -> client.session.execute(() -> {
				if (!socket.connected()) {
					// gone meanwhile: it was kept for recovery again, from the client's own offset
					socket.connection.releaseBroadcasts(written);
					return;
				}
				String end = readFrom;
				for (ArrayNode missed : late) {
					end = encodeMissed(missed, written, end, backlog);
				}
				// the missed events, those held back and the CONNECT go out in one turn of the loop, so in one write:
				// a client keeps the events it gets before its CONNECT, and one cut off in between would deliver
				// them again after its next recovery, which starts from its last delivered offset
				client.session.sendBacklog(backlog);
				socket.connection.releaseBroadcasts(written);
				connected(socket, true);
			}));
	}

	/**
	 * Adds a missed event to the backlog unless its offset was written already.
	 * @return the offset of the last event added
	 */
	private String encodeMissed(ArrayNode missed, Set<String> written, String last, List<EnginePacket> backlog) {
		String offset = Namespace.offsetOf(missed);
		if (offset != null && !written.add(offset)) {
			return last;
		}
		backlog.addAll(this.namespace.parser()
			.encode(new Packet(PacketType.EVENT, this.namespace.name(), missed, Packet.NO_ID)));
		return (offset != null) ? offset : last;
	}

	private void connected(SocketIOSocket socket, boolean recovered) {
		@Nullable ObjectNode reply = null;
		if (!socket.client.v3) {
			// a 2.x client's CONNECT carries nothing: its socket id is derived from the Engine.IO id
			reply = JsonNodeFactory.instance.objectNode();
			reply.put("sid", socket.id());
			if (socket.pid() != null) {
				reply.put("pid", socket.pid());
			}
		}
		socket.client.write(this.namespace.parser()
			.encode(new Packet(PacketType.CONNECT, this.namespace.name(), reply, Packet.NO_ID)));
		this.namespace.observer().socketConnected(this.namespace, recovered);
		this.namespace.observer().socketReady(socket);
		for (Consumer<SocketIOSocket> handler : connectionHandlers()) {
			try {
				handler.accept(socket);
			}
			catch (RuntimeException ex) {
				logger.error("Connection handler of namespace " + this.namespace.name() + " failed for socket "
						+ socket.id(), ex);
			}
		}
		socket.connection.reportDataChange();
	}

	private void refuse(Client client, Throwable error, String reason) {
		client.connectFinished(this.namespace.name());
		this.namespace.released();
		this.namespace.observer().connectRefused(this.namespace, reason);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		if (error instanceof ConnectionRefusedException refused) {
			payload.put("message", refused.getMessage());
			if (refused.getData() != null) {
				payload.set("data", Payloads.toNode(this.namespace.mapper(), refused.getData()));
			}
		}
		else {
			logger.debug("The " + reason + " of a connection to namespace " + this.namespace.name() + " failed", error);
			payload.put("message", (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName());
		}
		JsonNode sent = client.v3 ? v3Error(payload) : payload;
		client.write(this.namespace.parser()
			.encode(new Packet(PacketType.CONNECT_ERROR, this.namespace.name(), sent, Packet.NO_ID)));
	}

	/**
	 * What Node.js tells a 2.x client, {@code err.data || err.message}: the error's data when it is truthy in
	 * JavaScript's sense, else its message as a string.
	 */
	private static JsonNode v3Error(ObjectNode payload) {
		JsonNode data = payload.get("data");
		return isTruthy(data) ? data : payload.get("message");
	}

	private static boolean isTruthy(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return false;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isNumber()) {
			double number = value.doubleValue();
			return number != 0 && !Double.isNaN(number);
		}
		return !value.isString() || !value.stringValue().isEmpty();
	}

}
