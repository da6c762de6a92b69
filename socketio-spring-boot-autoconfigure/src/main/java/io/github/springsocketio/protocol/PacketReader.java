package io.github.springsocketio.protocol;

import io.github.springsocketio.engine.EngineMessage;
import org.jspecify.annotations.Nullable;

/**
 * Turns the Engine.IO messages of one connection into Socket.IO packets. Used from one thread at a time; every
 * violation throws {@link InvalidPacketException}, and the caller then closes the connection.
 */
public interface PacketReader {

	/**
	 * Reads one message.
	 * @param message what the client sent
	 * @return the packet, or {@code null} while a packet still waits for more messages
	 * @throws InvalidPacketException if the message is not valid here
	 */
	@Nullable Packet read(EngineMessage message);

	/** @return the bytes held for a packet still waiting for more messages, 0 when none waits */
	long bufferedBytes();

}
