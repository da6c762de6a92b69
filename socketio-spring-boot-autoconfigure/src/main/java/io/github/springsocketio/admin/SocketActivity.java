package io.github.springsocketio.admin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.engine.Transport;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOObserver;
import io.github.springsocketio.server.SocketIOSocket;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reports every socket of every namespace to the admin namespace in development mode: {@code socket_connected},
 * {@code socket_disconnected}, {@code socket_updated} after a transport upgrade, {@code room_joined} and
 * {@code room_left} for the rooms it enters and leaves (disconnecting included), and the events each socket receives
 * and sends ({@code event_received}, {@code event_sent}; not those of the admin namespace itself). The reports are
 * broadcasts, so dashboards connected to any node of a cluster see them.
 */
final class SocketActivity implements SocketIOObserver {

	private final Namespace admin;

	// sockets that connected over polling, until their upgrade is reported or they leave
	private final Set<SocketIOSocket> polling = ConcurrentHashMap.newKeySet();

	SocketActivity(Namespace admin) {
		this.admin = admin;
	}

	@Override
	public void socketReady(SocketIOSocket socket) {
		SocketSnapshots.tag(socket);
		String namespace = socket.namespace().name();
		Set<String> rooms = socket.rooms();
		// as in Node.js, where the adapter reports the rooms a socket joins before its connection
		rooms.forEach((room) -> roomJoined(namespace, room, socket.id()));
		this.admin.emit("socket_connected", SocketSnapshots.of(socket), Timestamps.now());
		if (socket.transport() == Transport.POLLING) {
			this.polling.add(socket);
		}
		if (socket.namespace() != this.admin) {
			socket.onAny((event, args) -> this.admin.emit("event_received", namespace, socket.id(),
					withEvent(event, args.toArrayNode()), Timestamps.now()));
			socket.onAnyOutgoing((event, args) -> this.admin.emit("event_sent", namespace, socket.id(),
					withEvent(event, args.toArrayNode()), Timestamps.now()));
		}
		Set<String> roomsWhenLeaving = ConcurrentHashMap.newKeySet();
		socket.onDisconnecting((reason) -> roomsWhenLeaving.addAll(socket.rooms()));
		socket.onDisconnect((reason) -> {
			this.polling.remove(socket);
			this.admin.emit("socket_disconnected", namespace, socket.id(), reason.reason(), Timestamps.now());
			// after the disconnection, as Node.js reports them
			roomsWhenLeaving.forEach((room) -> roomLeft(namespace, room, socket.id()));
		});
	}

	@Override
	public void roomsJoining(SocketIOSocket socket, Set<String> rooms) {
		Set<String> current = socket.rooms();
		for (String room : rooms) {
			if (!current.contains(room)) {
				roomJoined(socket.namespace().name(), room, socket.id());
			}
		}
	}

	@Override
	public void roomLeaving(SocketIOSocket socket, String room) {
		if (socket.rooms().contains(room)) {
			roomLeft(socket.namespace().name(), room, socket.id());
		}
	}

	private void roomJoined(String namespace, String room, String socketId) {
		this.admin.emit("room_joined", namespace, room, socketId, Timestamps.now());
	}

	private void roomLeft(String namespace, String room, String socketId) {
		this.admin.emit("room_left", namespace, room, socketId, Timestamps.now());
	}

	/** Reports the sockets that left polling since the last call; called with each statistics message. */
	void reportUpgrades() {
		for (SocketIOSocket socket : this.polling) {
			if (!socket.connected()) {
				this.polling.remove(socket);
			}
			else if (socket.transport() != Transport.POLLING) {
				this.polling.remove(socket);
				String transport = socket.transport().id();
				SocketSnapshots.transportChanged(socket, transport);
				this.admin.emit("socket_updated",
						Map.of("id", socket.id(), "nsp", socket.namespace().name(), "transport", transport));
			}
		}
	}

	private static ArrayNode withEvent(String event, ArrayNode args) {
		ArrayNode all = JsonNodeFactory.instance.arrayNode();
		all.add(event);
		all.addAll(args);
		return all;
	}

}
