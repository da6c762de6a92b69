package io.github.springsocketio.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.SocketIOSocket;

/**
 * Describes sockets as the dashboard lists them. Each instrumented socket carries an {@code _admin} entry in its
 * data (its connection id and transport, as the Node.js package keeps them), so a socket fetched from another node
 * is described as well as a local one; the entry is left out of the data shown.
 */
final class SocketSnapshots {

	static final String ADMIN_KEY = "_admin";

	private SocketSnapshots() {
	}

	/** Puts the {@code _admin} entry into a socket's data. */
	static void tag(SocketIOSocket socket) {
		Map<String, Object> admin = new LinkedHashMap<>();
		admin.put("clientId", clientId(socket.clientId()));
		admin.put("transport", socket.transport().id());
		socket.data().put(ADMIN_KEY, admin);
	}

	/** Records a transport upgrade in the socket's {@code _admin} entry. */
	static void transportChanged(SocketIOSocket socket, String transport) {
		if (socket.data().get(ADMIN_KEY) instanceof Map<?, ?> admin) {
			Map<String, Object> updated = new LinkedHashMap<>();
			admin.forEach((key, value) -> updated.put(String.valueOf(key), value));
			updated.put("transport", transport);
			socket.data().put(ADMIN_KEY, updated);
		}
	}

	static Map<String, Object> of(SocketIOSocket socket) {
		return describe(socket.id(), socket.namespace().name(), socket.handshake(), socket.data(),
				List.copyOf(socket.rooms()));
	}

	static Map<String, Object> of(RemoteSocket socket, String namespace) {
		return describe(socket.id(), namespace, socket.handshake(), socket.data(), List.copyOf(socket.rooms()));
	}

	/** @return the application's part of a socket's data */
	static Map<String, Object> data(Map<String, Object> data) {
		Map<String, Object> shown = new LinkedHashMap<>(data);
		shown.remove(ADMIN_KEY);
		return shown;
	}

	private static Map<String, Object> describe(String id, String namespace, Handshake handshake,
			Map<String, Object> data, List<String> rooms) {
		Map<String, Object> admin = (data.get(ADMIN_KEY) instanceof Map<?, ?> map) ? cast(map) : Map.of();
		Map<String, Object> socket = new LinkedHashMap<>();
		socket.put("id", id);
		socket.put("clientId", admin.get("clientId"));
		socket.put("transport", admin.get("transport"));
		socket.put("nsp", namespace);
		socket.put("data", data(data));
		socket.put("handshake", handshake(handshake));
		socket.put("rooms", rooms);
		return socket;
	}

	private static Map<String, Object> handshake(Handshake handshake) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("address", address(handshake));
		described.put("headers", handshake.headers());
		described.put("query", handshake.query());
		described.put("issued", handshake.issued());
		described.put("secure", handshake.secure());
		described.put("time", handshake.time());
		described.put("url", handshake.url());
		described.put("xdomain", handshake.xdomain());
		// the auth payload is left out, as in the Node.js package: it may hold credentials
		return described;
	}

	private static String address(Handshake handshake) {
		String address = handshake.header("cf-connecting-ip");
		if (address == null || address.isEmpty()) {
			address = handshake.header("x-forwarded-for");
		}
		return (address == null || address.isEmpty()) ? handshake.address() : address;
	}

	private static String clientId(String engineId) {
		return (engineId.length() > 12) ? engineId.substring(0, 12) : engineId;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
