package io.github.springsocketio.server;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket's rooms: a join that would pass the limit on their number or on a room's name joins none of its rooms,
 * returns {@code false} to the application and is observed; nothing is thrown, since a client could otherwise fill
 * the log with the failures of a handler that joins the rooms it names.
 */
class RoomLimitsTests {

	private final ExceededLimits exceeded = new ExceededLimits();

	private SocketIOSocket socket(SocketIOLimits limits) {
		SocketIOServer server = this.exceeded.server(limits);
		ServerSockets sockets = new ServerSockets();
		server.onConnection(sockets);
		Client client = new LoopbackSession("s1").client(server);
		server.defaultNamespace().connect(client, JsonNodeFactory.instance.objectNode());
		return sockets.next();
	}

	@Test
	void aSocketJoinsRoomsUpToTheLimitItsOwnRoomIncluded() {
		SocketIOSocket socket = socket(SocketIOLimits.builder().roomsPerSocket(3).build());

		assertThat(socket.join("a", "b")).isTrue();
		assertThat(socket.join("a", "b")).as("rooms it is in already").isTrue();

		assertThat(socket.join("c")).isFalse();
		assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "a", "b");
		assertThat(this.exceeded.seen).containsExactly(Limit.ROOMS_PER_SOCKET);
		socket.leave("a");
		assertThat(socket.join("c")).isTrue();
	}

	@Test
	void aJoinPastTheLimitJoinsNoneOfItsRooms() {
		SocketIOSocket socket = socket(SocketIOLimits.builder().roomsPerSocket(3).build());

		assertThat(socket.join(List.of("a", "b", "c"))).isFalse();

		assertThat(socket.rooms()).containsExactly(socket.id());
	}

	@Test
	void aRoomNamePastTheLimitIsNotJoined() {
		SocketIOSocket socket = socket(SocketIOLimits.builder().roomNameLength(5).build());

		assertThat(socket.join("12345")).isTrue();
		assertThat(socket.join("ok", "123456")).isFalse();

		assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "12345");
		assertThat(this.exceeded.seen).containsExactly(Limit.ROOM_NAME_LENGTH);
	}

	@Test
	void theDefaultsLetASocketJoinAThousandRoomsOfAThousandCharacters() {
		SocketIOSocket socket = socket(SocketIOLimits.defaults());

		for (int i = 1; i < 1000; i++) {
			assertThat(socket.join(i + "x".repeat(1000))).isTrue();
		}

		assertThat(socket.join("one more")).isFalse();
		assertThat(socket.rooms()).hasSize(1000);
	}

}
