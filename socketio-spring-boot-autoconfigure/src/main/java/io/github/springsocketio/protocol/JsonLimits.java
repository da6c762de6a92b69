package io.github.springsocketio.protocol;

import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits on the JSON of the packets clients send, which the parser enforces as it reads (Jackson's
 * {@link StreamReadConstraints}): a packet past one is refused before it is built, whatever its depth or size.
 *
 * @param maxNestingDepth the deepest nesting of arrays and objects (default 500)
 * @param maxDocumentLength the longest JSON text of one packet, in bytes (default 1,000,000, Node's
 * {@code maxHttpBufferSize})
 * @param maxStringLength the longest string, in characters (default 1,000,000)
 * @param maxNumberLength the longest number, in characters (default 1000)
 */
public record JsonLimits(int maxNestingDepth, long maxDocumentLength, int maxStringLength, int maxNumberLength) {

	public JsonLimits {
		atLeastOne("maxNestingDepth", maxNestingDepth);
		atLeastOne("maxDocumentLength", maxDocumentLength);
		atLeastOne("maxStringLength", maxStringLength);
		atLeastOne("maxNumberLength", maxNumberLength);
	}

	/** @return the defaults: depth 500, 1,000,000 bytes, strings of 1,000,000 characters, numbers of 1000 */
	public static JsonLimits defaults() {
		return new JsonLimits(500, 1_000_000, 1_000_000, 1000);
	}

	/**
	 * The factory that parses inbound packets: the mapper's own, with these limits and with buffers recycled per event
	 * loop ({@link EventLoopRecyclerPool}). The mapper itself is left as it is: what the application reads and
	 * writes with it is not bound by limits meant for clients.
	 * @param mapper the application's mapper
	 * @return a factory like the mapper's, with these limits
	 */
	public JsonFactory readingFactory(JsonMapper mapper) {
		StreamReadConstraints constraints = mapper.tokenStreamFactory()
			.streamReadConstraints()
			.rebuild()
			.maxNestingDepth(this.maxNestingDepth)
			.maxDocumentLength(this.maxDocumentLength)
			.maxStringLength(this.maxStringLength)
			.maxNumberLength(this.maxNumberLength)
			.build();
		return mapper.tokenStreamFactory()
			.rebuild()
			.streamReadConstraints(constraints)
			.recyclerPool(EventLoopRecyclerPool.INSTANCE)
			.build();
	}

	/** @return the parser's read context: none of the application's, since the wire is strict JSON */
	static ObjectReadContext readContext() {
		return ObjectReadContext.empty();
	}

	/**
	 * @param ex what the parser threw
	 * @return the name of the limit it enforced, as {@link PacketLimitException#limit()} reports it
	 */
	static String limitOf(StreamConstraintsException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("getMaxNestingDepth")) {
			return PacketLimitException.JSON_NESTING_DEPTH;
		}
		if (message.contains("getMaxDocumentLength")) {
			return PacketLimitException.JSON_DOCUMENT_LENGTH;
		}
		if (message.contains("getMaxNumberLength")) {
			return PacketLimitException.JSON_NUMBER_LENGTH;
		}
		// strings, and property names, whose limit is the default one
		return PacketLimitException.JSON_STRING_LENGTH;
	}

	private static void atLeastOne(String name, long value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, got " + value);
		}
	}

}
