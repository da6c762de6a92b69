package io.github.springsocketio.server;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.Packet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The listeners of one socket (event handlers, catch-alls for incoming and outgoing events, leave hooks, error
 * listeners) and their calling, so that one that fails neither stops the others nor reaches the caller.
 */
final class SocketListeners {

	/** Under the socket's category, where applications look for what their listeners did. */
	private static final Log logger = LogFactory.getLog(SocketIOSocket.class);

	private final String socketId;

	private final JsonMapper mapper;

	private final Consumer<String> firstHandlerOf;

	/** The handlers of each event, an immutable map replaced whole on each change, as the lists below. */
	private volatile Map<String, List<EventHandler>> handlers = Map.of();

	/** Handlers of several events each: one object per socket for all the events of its annotated handlers. */
	// Each list below is immutable and replaced whole, under this object's lock, when a listener is added: calling
	// them takes no lock and sees the listeners of one moment. Fields rather than a holder object per list, as a
	// server keeps one of these per socket.
	private volatile List<NamedHandlers> namedHandlers = List.of();

	private volatile List<AnyEventListener> anyListeners = List.of();

	private volatile List<AnyEventListener> anyOutgoingListeners = List.of();

	private volatile List<Consumer<DisconnectReason>> disconnectingListeners = List.of();

	private volatile List<Consumer<DisconnectReason>> disconnectListeners = List.of();

	private volatile List<Consumer<Throwable>> errorListeners = List.of();

	/**
	 * @param socketId the socket, for the logs
	 * @param mapper reads the arguments of outgoing events for their listeners
	 * @param firstHandlerOf told of each event name the first time a handler listens to it
	 */
	SocketListeners(String socketId, JsonMapper mapper, Consumer<String> firstHandlerOf) {
		this.socketId = socketId;
		this.mapper = mapper;
		this.firstHandlerOf = firstHandlerOf;
	}

	synchronized void on(String event, EventHandler handler) {
		List<EventHandler> list = this.handlers.get(event);
		if (list == null) {
			this.firstHandlerOf.accept(event);
			list = List.of();
		}
		replace(event, ListenerList.with(list, handler));
	}

	synchronized void off(String event, EventHandler handler) {
		List<EventHandler> list = this.handlers.get(event);
		if (list != null) {
			replace(event, ListenerList.without(list, handler));
		}
	}

	private void replace(String event, List<EventHandler> list) {
		Map<String, List<EventHandler>> next = new HashMap<>(this.handlers);
		next.put(event, list);
		this.handlers = Map.copyOf(next);
	}

	synchronized void on(Set<String> events, NamedEventHandler handler) {
		for (String event : events) {
			if (!hasHandler(event)) {
				this.firstHandlerOf.accept(event);
			}
		}
		this.namedHandlers = ListenerList.with(this.namedHandlers, new NamedHandlers(events, handler));
	}

	boolean hasHandler(String event) {
		List<EventHandler> list = this.handlers.get(event);
		if (list != null && !list.isEmpty()) {
			return true;
		}
		for (NamedHandlers named : this.namedHandlers) {
			if (named.events().contains(event)) {
				return true;
			}
		}
		return false;
	}

	synchronized void onAny(AnyEventListener listener) {
		this.anyListeners = ListenerList.with(this.anyListeners, listener);
	}

	synchronized void onAnyOutgoing(AnyEventListener listener) {
		this.anyOutgoingListeners = ListenerList.with(this.anyOutgoingListeners, listener);
	}

	synchronized void onDisconnecting(Consumer<DisconnectReason> listener) {
		this.disconnectingListeners = ListenerList.with(this.disconnectingListeners, listener);
	}

	synchronized void onDisconnect(Consumer<DisconnectReason> listener) {
		this.disconnectListeners = ListenerList.with(this.disconnectListeners, listener);
	}

	synchronized void onError(Consumer<Throwable> listener) {
		this.errorListeners = ListenerList.with(this.errorListeners, listener);
	}

	/** Calls the catch-all listeners, then the event's handlers; a handler that fails is reported as an error. */
	void dispatch(String event, Arguments args, Ack ack) {
		for (AnyEventListener listener : this.anyListeners) {
			safely(() -> listener.onEvent(event, args), "catch-all listener");
		}
		List<EventHandler> list = this.handlers.get(event);
		if (list != null) {
			for (EventHandler handler : list) {
				try {
					handler.onEvent(args, ack);
				}
				catch (RuntimeException ex) {
					handlerFailed(event, ex);
				}
			}
		}
		for (NamedHandlers named : this.namedHandlers) {
			if (named.events().contains(event)) {
				try {
					named.handler().onEvent(event, args, ack);
				}
				catch (RuntimeException ex) {
					handlerFailed(event, ex);
				}
			}
		}
	}

	private void handlerFailed(String event, RuntimeException ex) {
		logger.error("Handler of event '" + event + "' failed on socket " + this.socketId, ex);
		error(ex);
	}

	/** Shows an event sent to the client to the outgoing catch-all listeners, if there are any. */
	void outgoing(Packet packet) {
		if (this.anyOutgoingListeners.isEmpty() || !(packet.data() instanceof ArrayNode data) || data.isEmpty()) {
			return;
		}
		Arguments args = new Arguments(Payloads.arguments(data), this.mapper);
		String event = Payloads.eventName(data.get(0));
		for (AnyEventListener listener : this.anyOutgoingListeners) {
			safely(() -> listener.onEvent(event, args), "outgoing listener");
		}
	}

	void disconnecting(DisconnectReason reason) {
		for (Consumer<DisconnectReason> listener : this.disconnectingListeners) {
			safely(() -> listener.accept(reason), "disconnecting listener");
		}
	}

	void disconnected(DisconnectReason reason) {
		for (Consumer<DisconnectReason> listener : this.disconnectListeners) {
			safely(() -> listener.accept(reason), "disconnect listener");
		}
	}

	void error(Throwable error) {
		if (this.errorListeners.isEmpty()) {
			logger.debug("Unhandled error on socket " + this.socketId + ": " + error);
		}
		for (Consumer<Throwable> listener : this.errorListeners) {
			safely(() -> listener.accept(error), "error listener");
		}
	}

	private void safely(Runnable call, String what) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.error("A " + what + " failed on socket " + this.socketId, ex);
		}
	}

	/** A handler and the events it handles. */
	private record NamedHandlers(Set<String> events, NamedEventHandler handler) {
	}

}
