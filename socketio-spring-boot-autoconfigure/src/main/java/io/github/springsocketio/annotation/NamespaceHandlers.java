package io.github.springsocketio.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The annotated handlers of one namespace (a name or a pattern), attached to each socket that joins it.
 */
final class NamespaceHandlers {

	private static final Log logger = LogFactory.getLog(NamespaceHandlers.class);

	private final String description;

	final Map<String, Handler> events = new LinkedHashMap<>();

	final List<Handler> connect = new ArrayList<>();

	final List<Handler> disconnect = new ArrayList<>();

	@Nullable Handler unhandled;

	private volatile @Nullable Set<String> eventNames;

	NamespaceHandlers(String description) {
		this.description = description;
	}

	/** The names of the events, fixed once the first socket joins: every socket shares the one set. */
	private Set<String> eventNames() {
		Set<String> names = this.eventNames;
		if (names == null) {
			names = Set.copyOf(this.events.keySet());
			this.eventNames = names;
		}
		return names;
	}

	boolean isEmpty() {
		return this.events.isEmpty() && this.connect.isEmpty() && this.disconnect.isEmpty() && this.unhandled == null;
	}

	/** Registers the handlers on a socket that just joined; called on its event loop. */
	void attach(SocketIOSocket socket, Dispatcher dispatcher) {
		SerialQueue queue = dispatcher.queue(socket);
		Arguments none = dispatcher.noArguments();
		Invocation connected = new Invocation(socket, "", none, Ack.NONE, null, null);
		for (Handler handler : this.connect) {
			queue.submit(() -> dispatcher.call(handler, connected), handler.reactive(), true);
		}
		if (!this.events.isEmpty()) {
			// one handler for all the events: a socket then holds one object for them rather than one per event
			socket.on(eventNames(), (event, args, ack) -> {
				Handler handler = this.events.get(event);
				Invocation invocation = new Invocation(socket, event, args, ack, null, null);
				if (!queue.submit(() -> dispatcher.call(handler, invocation), handler.reactive(), false)) {
					dispatcher.busy(invocation);
				}
			});
		}
		Handler unhandled = this.unhandled;
		if (unhandled != null) {
			socket.onAny((event, args) -> {
				if (socket.hasHandler(event)) {
					return;
				}
				Invocation invocation = new Invocation(socket, event, args, Ack.NONE, null, null);
				if (!queue.submit(() -> dispatcher.call(unhandled, invocation), unhandled.reactive(), false)) {
					logger.debug("Socket " + socket.id() + " has too many events waiting; dropping unhandled '"
							+ event + "'");
				}
			});
		}
		if (!this.disconnect.isEmpty()) {
			socket.onDisconnect((reason) -> {
				Invocation disconnected = new Invocation(socket, "", none, Ack.NONE, reason, null);
				for (Handler handler : this.disconnect) {
					queue.submit(() -> dispatcher.call(handler, disconnected), handler.reactive(), true);
				}
			});
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
