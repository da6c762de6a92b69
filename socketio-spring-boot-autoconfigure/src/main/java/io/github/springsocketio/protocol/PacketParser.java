package io.github.springsocketio.protocol;

import java.util.List;

import io.github.springsocketio.engine.EnginePacket;

/**
 * The wire format of Socket.IO packets: how a packet becomes Engine.IO messages, and how a connection's messages
 * become packets again. Implementations are thread-safe; a broadcast is encoded once and the result shared by every
 * recipient.
 */
public interface PacketParser {

	/**
	 * Encodes a packet.
	 * @param packet the packet
	 * @return the Engine.IO messages that carry it, immutable
	 */
	List<EnginePacket> encode(Packet packet);

	/**
	 * A reader for the messages of one new connection.
	 * @return a reader, used from one thread at a time
	 */
	PacketReader newReader();

}
