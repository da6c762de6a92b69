package io.github.springsocketio.sample.chat;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The payloads of the chat, as the page sends and receives them.
 */
final class ChatMessages {

	private ChatMessages() {
	}

	/** {@code join}: the room to switch to. */
	record JoinRequest(@NotBlank String room) {
	}

	/** {@code chat message} from the page: the text typed. */
	record OutgoingMessage(@NotBlank @Size(max = 500) String text) {
	}

	/** {@code chat message} to the others in the room, and the history a joining user gets. */
	record ChatMessage(String id, String room, String from, String text, long sentAt) {
	}

	/** The acknowledgement of a {@code chat message}: the page shows its delivered tick. */
	record Delivered(String id, long sentAt) {
	}

	/** The acknowledgement of a {@code join}: who is there and what was said. */
	record RoomState(String room, List<String> rooms, List<String> users, List<ChatMessage> history) {
	}

	/** {@code typing}, to the others in the room. */
	record Typing(String name, boolean typing) {
	}

	/** {@code welcome}, to a socket that connected: the signed-in user it belongs to. */
	record Welcome(String name) {
	}

	/** {@code direct message} from the page: the text for one user. */
	record DirectRequest(@NotBlank @Size(max = 64) String to, @NotBlank @Size(max = 500) String text) {
	}

	/** {@code direct message} to every tab of the recipient and to the sender's other tabs. */
	record DirectMessage(String id, String from, String to, String text, long sentAt) {
	}

}
