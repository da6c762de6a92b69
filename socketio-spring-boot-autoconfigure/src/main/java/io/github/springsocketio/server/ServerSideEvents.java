package io.github.springsocketio.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.ReservedEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

/**
 * The events server nodes send one another in one namespace: builds the ones this node sends, refusing the names
 * the protocol reserves, and hands those other nodes send to this node's handlers.
 */
final class ServerSideEvents {

	private static final Log logger = LogFactory.getLog(ServerSideEvents.class);

	private final Namespace namespace;

	private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();

	ServerSideEvents(Namespace namespace) {
		this.namespace = namespace;
	}

	void on(String event, EventHandler handler) {
		this.handlers.computeIfAbsent(event, (key) -> new CopyOnWriteArrayList<>()).add(handler);
	}

	/**
	 * @return the event as other nodes receive it
	 * @throws IllegalArgumentException when the name is one the protocol reserves
	 */
	ArrayNode packet(String event, Object[] args) {
		if (ReservedEvents.isReservedServerSide(event)) {
			throw new IllegalArgumentException("'" + event + "' is a reserved event name; choose another one");
		}
		return Payloads.event(this.namespace.mapper(), event, args);
	}

	/**
	 * Runs this node's handlers of an event another node sent.
	 * @param ack answers the sender with the first argument a handler sends, or {@code null} when none is wanted
	 */
	void received(ArrayNode packet, @Nullable Consumer<JsonNode> ack) {
		if (packet.isEmpty()) {
			return;
		}
		String event = Payloads.eventName(packet.get(0));
		List<EventHandler> handlers = this.handlers.get(event);
		if (handlers == null) {
			return;
		}
		Arguments args = new Arguments(Payloads.arguments(packet), this.namespace.mapper());
		Ack answer = (ack != null) ? new ServerSideAck(ack) : Ack.NONE;
		for (EventHandler handler : handlers) {
			try {
				handler.onEvent(args, answer);
			}
			catch (RuntimeException ex) {
				logger.error("Server-side handler of '" + event + "' failed in namespace " + this.namespace.name(), ex);
			}
		}
	}

	/** Answers another node's server-side event, once, with its first argument. */
	private final class ServerSideAck implements Ack {

		private final Consumer<JsonNode> ack;

		private final AtomicBoolean sent = new AtomicBoolean();

		ServerSideAck(Consumer<JsonNode> ack) {
			this.ack = ack;
		}

		@Override
		public boolean requested() {
			return true;
		}

		@Override
		public void send(Object... args) {
			if (this.sent.compareAndSet(false, true)) {
				this.ack.accept((args.length > 0) ? Payloads.toNode(ServerSideEvents.this.namespace.mapper(), args[0])
						: NullNode.getInstance());
			}
		}

	}

}
