package io.github.springsocketio.engine;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * Collects a request body into one array and refuses to grow past a limit, so an oversized POST costs no more memory
 * than the limit whatever its declared length; what it holds counts against the memory budget until released.
 */
final class BoundedBody {

	private final long limit;

	private final SessionMemory memory;

	private byte[] bytes = new byte[256];

	private int size;

	BoundedBody(long limit, SessionMemory memory) {
		this.limit = limit;
		this.memory = memory;
	}

	BoundedBody append(ByteBuf chunk) {
		int length = chunk.readableBytes();
		if ((long) this.size + length > this.limit) {
			throw new TooLargeException();
		}
		if (this.size + length > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.size + length, this.bytes.length * 2));
		}
		chunk.getBytes(chunk.readerIndex(), this.bytes, this.size, length);
		this.size += length;
		this.memory.add(length);
		return this;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	/** The body has been handled (or refused): it no longer counts. */
	void release() {
		this.memory.add(-this.size);
		this.size = 0;
	}

	/** The body passed the limit. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException() {
			super("request body too large", null, false, false);
		}

	}

}
