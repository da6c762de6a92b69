package io.github.springsocketio.server;

/**
 * Names the room every socket of an authenticated user joins: {@value #PREFIX} followed by the principal's name.
 * Applications cannot join a room with that prefix ({@link SocketIOSocket#join(String...)} refuses it), so a user's
 * room only ever holds that user's sockets.
 */
public final class UserRooms {

	/** What the name of every user room starts with. */
	public static final String PREFIX = "socketio:user:";

	private UserRooms() {
	}

	/**
	 * @param user the principal's name
	 * @return the name of the room that user's sockets are in
	 */
	public static String of(String user) {
		return PREFIX + user;
	}

	/**
	 * @param room a room name
	 * @return whether it is reserved for users' rooms
	 */
	public static boolean isUserRoom(String room) {
		return room.startsWith(PREFIX);
	}

}
