package io.github.springsocketio.protocol;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer to encode into, unsynchronised (unlike {@code ByteArrayOutputStream}).
 */
final class ByteSink extends OutputStream {

	private byte[] bytes;

	private int size;

	ByteSink(int capacity) {
		this.bytes = new byte[capacity];
	}

	@Override
	public void write(int b) {
		ensure(1);
		this.bytes[this.size++] = (byte) b;
	}

	@Override
	public void write(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.bytes, this.size, len);
		this.size += len;
	}

	void writeAscii(String text) {
		ensure(text.length());
		for (int i = 0; i < text.length(); i++) {
			this.bytes[this.size++] = (byte) text.charAt(i);
		}
	}

	void writeUtf8(String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		write(utf8, 0, utf8.length);
	}

	void writeLong(long value) {
		writeAscii(Long.toString(value));
	}

	private void ensure(int extra) {
		if (this.size + extra > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.size + extra, this.bytes.length * 2));
		}
	}

	int size() {
		return this.size;
	}

	byte[] toByteArray() {
		return (this.size == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.size);
	}

}
