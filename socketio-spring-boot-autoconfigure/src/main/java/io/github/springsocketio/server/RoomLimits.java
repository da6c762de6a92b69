package io.github.springsocketio.server;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks the rooms a socket is asked to join against the limits on their number and their names. A join past a
 * limit joins none of its rooms: a handler that joins whatever room a client names must not let that client grow the
 * server's memory, and no exception is thrown to it, since a client could then fill the log with its failures.
 */
final class RoomLimits {

	private static final Log logger = LogFactory.getLog(RoomLimits.class);

	private RoomLimits() {
	}

	/**
	 * @param socket the socket
	 * @param rooms the rooms it is asked to join
	 * @return whether it may join them all; when not, the refusal is observed
	 */
	static boolean allow(SocketIOSocket socket, Set<String> rooms) {
		Limit exceeded = exceeded(socket.namespace().limits(), socket.rooms(), rooms);
		if (exceeded == null) {
			return true;
		}
		logger.debug("Socket " + socket.id() + " did not join " + rooms.size() + " rooms: past " + exceeded.tag());
		socket.namespace().observer().limitExceeded(exceeded);
		return false;
	}

	/**
	 * @param socket the socket
	 * @param rooms the rooms it is asked to join
	 * @return whether none of them is a user's room, which only the server joins
	 */
	static boolean allowNames(SocketIOSocket socket, Set<String> rooms) {
		for (String room : rooms) {
			if (UserRooms.isUserRoom(room)) {
				logger.debug("Socket " + socket.id() + " did not join " + rooms.size() + " rooms: " + room
						+ " is a user's room");
				return false;
			}
		}
		return true;
	}

	static @Nullable Limit exceeded(SocketIOLimits limits, Set<String> current, Set<String> rooms) {
		int added = 0;
		for (String room : rooms) {
			if (room.length() > limits.roomNameLength()) {
				return Limit.ROOM_NAME_LENGTH;
			}
			if (!current.contains(room)) {
				added++;
			}
		}
		return (current.size() + added > limits.roomsPerSocket()) ? Limit.ROOMS_PER_SOCKET : null;
	}

}
