package io.github.springsocketio.server;

import java.util.Locale;

import io.github.springsocketio.protocol.DefaultPacketParser;
import io.github.springsocketio.protocol.MsgPackPacketParser;
import io.github.springsocketio.protocol.PacketParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire formats a server can speak; its clients must be configured with the same one.
 */
public enum ParserType {

	/** socket.io-parser, what clients use unless told otherwise: JSON text, binary values as attachments. */
	DEFAULT,

	/** socket.io-msgpack-parser 3.x: one MessagePack binary message per packet; needs msgpack-core. */
	MSGPACK;

	/** Builds the parser with the server's mapper and limits. */
	PacketParser create(JsonMapper mapper, SocketIOOptions options, long maxPacketBytes) {
		return switch (this) {
			case DEFAULT -> new DefaultPacketParser(mapper, options.limits().json(), options.maxAttachments(),
					maxPacketBytes);
			case MSGPACK -> new MsgPackPacketParser(options.limits().json());
		};
	}

	/** The value as the documentation and the properties spell it. */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
