package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;

/**
 * An inbound Engine.IO message packet: the payload a client sent, without the type digit.
 *
 * @param data UTF-8 text or raw binary bytes, owned by the receiver
 * @param binary whether the client sent binary data
 */
public record EngineMessage(byte[] data, boolean binary) {

	/**
	 * The payload as text.
	 * @return the UTF-8 decoding of {@link #data()}
	 */
	public String text() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.binary ? "<binary " + this.data.length + " bytes>" : text();
	}

}
