package io.github.springsocketio.sample.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.sample.chat.ChatMessages.ChatMessage;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The last messages of each room, in memory, for users who join later.
 */
@Component
@Profile("!interop & !conformance")
class ChatHistory {

	private static final int KEPT = 50;

	private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();

	void add(ChatMessage message) {
		Deque<ChatMessage> room = this.rooms.computeIfAbsent(message.room(), (name) -> new ArrayDeque<>());
		synchronized (room) {
			room.addLast(message);
			while (room.size() > KEPT) {
				room.removeFirst();
			}
		}
	}

	List<ChatMessage> of(String room) {
		Deque<ChatMessage> messages = this.rooms.get(room);
		if (messages == null) {
			return List.of();
		}
		synchronized (messages) {
			return List.copyOf(messages);
		}
	}

}
