package io.github.springsocketio.sample.chat;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.springsocketio.annotation.EventErrorException;
import io.github.springsocketio.annotation.OnConnect;
import io.github.springsocketio.annotation.OnDisconnect;
import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.sample.chat.ChatMessages.ChatMessage;
import io.github.springsocketio.sample.chat.ChatMessages.Delivered;
import io.github.springsocketio.sample.chat.ChatMessages.DirectMessage;
import io.github.springsocketio.sample.chat.ChatMessages.DirectRequest;
import io.github.springsocketio.sample.chat.ChatMessages.JoinRequest;
import io.github.springsocketio.sample.chat.ChatMessages.OutgoingMessage;
import io.github.springsocketio.sample.chat.ChatMessages.RoomState;
import io.github.springsocketio.sample.chat.ChatMessages.Typing;
import io.github.springsocketio.sample.chat.ChatMessages.Welcome;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The chat's events on the {@code /chat} namespace, which admits only signed-in users (see
 * {@link ChatSecurityConfiguration}). A socket keeps its user's name and current room in its data.
 */
@Component
@Profile("!interop & !conformance")
@SocketIONamespace("/chat")
class ChatHandlers {

	static final List<String> ROOMS = List.of("general", "random", "help");

	private final ChatHistory history;

	private final OnlineUsers online;

	ChatHandlers(ChatHistory history, OnlineUsers online) {
		this.history = history;
		this.online = online;
	}

	/** Greets the socket with its user's name, then tells everyone who is online. */
	@OnConnect
	void connected(SocketIOSocket socket, Namespace chat, Principal principal) {
		socket.data().put("name", principal.getName());
		socket.emit("welcome", new Welcome(principal.getName()));
		this.online.changed(chat);
	}

	/** Switches the socket to a room; the acknowledgement is the room's users and recent messages. */
	@SocketIOEvent("join")
	Mono<RoomState> join(SocketIOSocket socket, Namespace chat, @Valid JoinRequest request) {
		String room = request.room();
		if (!ROOMS.contains(room)) {
			throw new EventErrorException("UNKNOWN_ROOM", "There is no room named '" + room + "'");
		}
		String name = name(socket);
		String previous = room(socket);
		if (previous != null && !previous.equals(room)) {
			socket.leave(previous);
			socket.to(previous).emit("user left", name);
			announceUsers(chat, previous).subscribe();
		}
		socket.join(room);
		socket.data().put("room", room);
		socket.to(room).emit("user joined", name);
		return announceUsers(chat, room).map((users) -> new RoomState(room, ROOMS, users, this.history.of(room)));
	}

	/** Sends a message to the others in the room; the acknowledgement tells the sender it was delivered. */
	@SocketIOEvent("chat message")
	Delivered message(SocketIOSocket socket, @Valid OutgoingMessage message) {
		String room = room(socket);
		if (room == null) {
			throw new EventErrorException("NOT_IN_A_ROOM", "Join a room first");
		}
		ChatMessage chat = new ChatMessage(UUID.randomUUID().toString(), room, name(socket), message.text().strip(),
				Instant.now().toEpochMilli());
		this.history.add(chat);
		socket.to(room).emit("chat message", chat);
		return new Delivered(chat.id(), chat.sentAt());
	}

	/**
	 * Sends a message to every tab of one user, through their user room, and to the sender's other tabs; the
	 * acknowledgement tells the sender it was delivered, or that the user is not online.
	 */
	@SocketIOEvent("direct message")
	Mono<Delivered> direct(SocketIOSocket socket, Namespace chat, @Valid DirectRequest request) {
		String from = name(socket);
		String to = request.to().strip();
		return OnlineUsers.isOnline(chat, to).map((online) -> {
			if (!online) {
				throw new EventErrorException("NOT_ONLINE", to + " is not online");
			}
			DirectMessage message = new DirectMessage(UUID.randomUUID().toString(), from, to,
					request.text().strip(), Instant.now().toEpochMilli());
			// not to this socket: its page shows the message already, with the delivered tick
			socket.broadcast().toUser(to, from).emit("direct message", message);
			return new Delivered(message.id(), message.sentAt());
		});
	}

	@SocketIOEvent("typing")
	void typing(SocketIOSocket socket, boolean typing) {
		String room = room(socket);
		if (room != null) {
			socket.to(room).emit("typing", new Typing(name(socket), typing));
		}
	}

	@OnDisconnect
	Mono<Void> left(SocketIOSocket socket, Namespace chat) {
		this.online.changed(chat);
		String room = room(socket);
		if (room == null) {
			return Mono.empty();
		}
		chat.to(room).emit("user left", name(socket));
		return announceUsers(chat, room).then();
	}

	/** Tells everyone in a room who is there (on every node, each user once), and returns the list. */
	private static Mono<List<String>> announceUsers(Namespace chat, String room) {
		return chat.in(room)
			.fetchSockets()
			.map(OnlineUsers::names)
			.doOnNext((users) -> chat.to(room).emit("users", users));
	}

	private static String name(SocketIOSocket socket) {
		return (String) socket.data().getOrDefault("name", "anonymous");
	}

	private static @Nullable String room(SocketIOSocket socket) {
		return (String) socket.data().get("room");
	}

}
