package io.github.springsocketio.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.github.springsocketio.engine.EnginePacket;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.JsonNode;

/**
 * socket.io-msgpack-parser's format: each packet is one binary message, a MessagePack map
 * {@code {type, nsp, data, id}} with binary values inline as bin, so there are no attachments and no binary packet
 * types. Clients must use the same parser. Needs {@code org.msgpack:msgpack-core} on the class path.
 */
public final class MsgPackPacketParser implements PacketParser {

	private final MsgPackPacketDecoder decoder;

	/**
	 * @param limits the limits on what clients send: the document length bounds a whole packet, nesting and string
	 * lengths as in JSON
	 * @throws IllegalStateException if msgpack-core is not on the class path
	 */
	public MsgPackPacketParser(JsonLimits limits) {
		requireMsgPackCore();
		this.decoder = new MsgPackPacketDecoder(limits);
	}

	private static void requireMsgPackCore() {
		try {
			Class.forName("org.msgpack.core.MessagePack", false, MsgPackPacketParser.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("The msgpack parser needs org.msgpack:msgpack-core on the class path: "
					+ "add that dependency, or use the default parser (socketio.parser=default)", ex);
		}
	}

	@Override
	public List<EnginePacket> encode(Packet packet) {
		JsonNode data = packet.data();
		boolean hasId = packet.hasId();
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packMapHeader(2 + ((data != null) ? 1 : 0) + (hasId ? 1 : 0));
			packer.packString("type");
			packer.packInt(wireType(packet.type()).ordinal());
			packer.packString("nsp");
			packer.packString(packet.namespace());
			if (data != null) {
				packer.packString("data");
				MsgPack.pack(packer, data);
			}
			if (hasId) {
				packer.packString("id");
				packer.packLong(packet.id());
			}
			return List.of(EnginePacket.binary(packer.toByteArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Binary values travel inline: the binary packet types are never written. */
	private static PacketType wireType(PacketType type) {
		return switch (type) {
			case BINARY_EVENT -> PacketType.EVENT;
			case BINARY_ACK -> PacketType.ACK;
			default -> type;
		};
	}

	@Override
	public PacketReader newReader() {
		// it keeps nothing between messages, so every connection shares it
		return this.decoder;
	}

}
