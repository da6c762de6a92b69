package io.github.springsocketio.admin;

/**
 * How much the admin namespace reports, as the {@code mode} option of {@code @socket.io/admin-ui}.
 */
public enum AdminUiMode {

	/** Statistics plus every socket, room change and event, for the dashboard's sockets, rooms and events pages. */
	DEVELOPMENT,

	/** Statistics only: cheaper, and no application data leaves the server. */
	PRODUCTION

}
