package io.github.springsocketio.engine;

/**
 * A limit of {@link AddressLimits} that refused a handshake, with the name metrics tag it by.
 */
public enum AddressLimit {

	/** The address already had as many sessions open as allowed. */
	CONNECTIONS_PER_ADDRESS("connections-per-address", "Too many connections from this address"),

	/** The address made handshakes faster than allowed. */
	HANDSHAKES_PER_SECOND_PER_ADDRESS("handshakes-per-second-per-address", "Too many handshakes from this address");

	private final String tag;

	private final String message;

	AddressLimit(String tag, String message) {
		this.tag = tag;
		this.message = message;
	}

	/** @return the name metrics tag it by, e.g. {@code connections-per-address} */
	public String tag() {
		return this.tag;
	}

	/** @return the message of the refusal's {@code {"code":4,"message":…}} */
	public String message() {
		return this.message;
	}

}
