package io.github.springsocketio.admin;

import java.util.List;
import java.util.Optional;

import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.BroadcastOperator;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Carries out what a dashboard asks for: {@code emit}, {@code join}, {@code leave} and {@code _disconnect}, each on a
 * namespace's sockets, narrowed to a room or a socket id when the dashboard gives a filter. They reach the sockets
 * on every node, as the server's own {@code socketsJoin} and {@code disconnectSockets} do. A namespace that does not
 * exist on this node is left alone rather than created.
 */
final class AdminCommands {

	private static final Log logger = LogFactory.getLog(AdminCommands.class);

	/** The features the commands give, in the order the Node.js package lists them. */
	static final List<String> FEATURES = List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE",
			"MDISCONNECT");

	private final SocketIOServer server;

	AdminCommands(SocketIOServer server) {
		this.server = server;
	}

	void register(SocketIOSocket admin) {
		admin.on("emit", (args, ack) -> safely(admin, "emit", () -> emit(args)));
		admin.on("join", (args, ack) -> safely(admin, "join",
				() -> target(args, 2).ifPresent((target) -> run(target.socketsJoin(text(args, 1))))));
		admin.on("leave", (args, ack) -> safely(admin, "leave",
				() -> target(args, 2).ifPresent((target) -> run(target.socketsLeave(text(args, 1))))));
		admin.on("_disconnect", (args, ack) -> safely(admin, "_disconnect", () -> target(args, 2)
			.ifPresent((target) -> run(target.disconnectSockets(args.node(1).asBoolean(false))))));
	}

	private void emit(Arguments args) {
		String event = text(args, 2);
		Object[] values = new Object[Math.max(0, args.size() - 3)];
		for (int i = 0; i < values.length; i++) {
			values[i] = args.node(i + 3);
		}
		target(args, 1).ifPresent((target) -> target.emit(event, values));
	}

	/** @return the namespace of argument 0 narrowed to the room or socket of argument {@code filterIndex} */
	private Optional<BroadcastOperator> target(Arguments args, int filterIndex) {
		String name = text(args, 0);
		String filter = (args.size() > filterIndex && args.node(filterIndex).isString())
				? args.node(filterIndex).stringValue() : null;
		return this.server.namespaces()
			.stream()
			.filter((namespace) -> namespace.name().equals(name))
			.findFirst()
			// no rooms: every socket of the namespace, on every node
			.map((namespace) -> (filter == null || filter.isEmpty()) ? namespace.to() : namespace.in(filter));
	}

	private static String text(Arguments args, int index) {
		String text = (args.size() > index) ? args.text(index) : null;
		if (text == null) {
			throw new IllegalArgumentException("argument " + index + " is not a string");
		}
		return text;
	}

	private static void run(Mono<Void> operation) {
		operation.subscribe(null, (ex) -> logger.warn("An admin command failed: " + ex));
	}

	private static void safely(SocketIOSocket admin, String command, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Ignored admin command '" + command + "' from socket " + admin.id() + ": " + ex.getMessage());
		}
	}

}
