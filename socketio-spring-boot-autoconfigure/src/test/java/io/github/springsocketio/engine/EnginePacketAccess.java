package io.github.springsocketio.engine;

/**
 * Lets tests of other packages read what an outbound {@link EnginePacket} carries.
 */
public final class EnginePacketAccess {

	private EnginePacketAccess() {
	}

	/** @return the encoded bytes: the whole text packet (type digit included), or the raw binary message */
	public static byte[] bytes(EnginePacket packet) {
		return packet.bytes().clone();
	}

}
