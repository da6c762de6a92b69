package io.github.springsocketio.protocol;

import java.util.List;

import io.github.springsocketio.engine.EnginePacket;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * socket.io-parser's format, the default: a text message of JSON per packet, then one binary message per attachment.
 */
public final class DefaultPacketParser implements PacketParser {

	private final PacketEncoder encoder;

	private final JsonMapper mapper;

	private final JsonFactory readingFactory;

	private final int maxAttachments;

	private final long maxPacketBytes;

	/**
	 * @param mapper the application's JSON mapper
	 * @param limits the limits on the JSON clients send
	 * @param maxAttachments the most attachments a packet may announce
	 * @param maxPacketBytes the most bytes a binary packet may hold, its text and all its attachments together
	 */
	public DefaultPacketParser(JsonMapper mapper, JsonLimits limits, int maxAttachments, long maxPacketBytes) {
		this.encoder = new PacketEncoder(mapper);
		this.mapper = mapper;
		this.readingFactory = limits.readingFactory(mapper);
		this.maxAttachments = maxAttachments;
		this.maxPacketBytes = maxPacketBytes;
	}

	@Override
	public List<EnginePacket> encode(Packet packet) {
		return this.encoder.encode(packet);
	}

	@Override
	public PacketReader newReader() {
		return new PacketDecoder(this.mapper, this.readingFactory, this.maxAttachments, this.maxPacketBytes);
	}

}
