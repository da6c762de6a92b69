package io.github.springsocketio.protocol;

/**
 * A client sent a packet past one of the limits on packets: too many attachments, or JSON too deep or too long. The
 * connection it came on is closed, as for any invalid packet.
 */
public final class PacketLimitException extends InvalidPacketException {

	/** More binary attachments than allowed. */
	public static final String ATTACHMENTS = "attachments";

	/** Arrays and objects nested too deep. */
	public static final String JSON_NESTING_DEPTH = "json-nesting-depth";

	/** JSON text too long. */
	public static final String JSON_DOCUMENT_LENGTH = "json-document-length";

	/** A string (or property name) too long. */
	public static final String JSON_STRING_LENGTH = "json-string-length";

	/** A number too long. */
	public static final String JSON_NUMBER_LENGTH = "json-number-length";

	private final String limit;

	/**
	 * @param limit the limit's name, one of the constants
	 * @param message what was wrong
	 */
	public PacketLimitException(String limit, String message) {
		super(message);
		this.limit = limit;
	}

	/** @return the limit's name, one of the constants */
	public String limit() {
		return this.limit;
	}

}
