package io.github.springsocketio.server;

/** The official client libraries the tests drive. */
enum ClientKind {

	/** {@code socket.io-client} from npm, run by Node.js. */
	JAVASCRIPT,

	/** {@code io.socket:socket.io-client}. */
	JAVA

}
