package io.github.springsocketio.engine;

/**
 * How one kind of compression is applied: only data of at least {@code threshold} bytes is compressed, smaller
 * data costs more to compress than it saves. As the Node.js reference's {@code httpCompression} and
 * {@code perMessageDeflate} options, where {@code null} (in {@link EngineIoOptions}) means off.
 *
 * <pre>{@code
 * EngineIoOptions.builder().perMessageDeflate(new CompressionOptions(4096)).build();
 * }</pre>
 *
 * @param threshold the smallest size compressed, in bytes (the reference's default is 1024)
 */
public record CompressionOptions(int threshold) {

	/** The reference's threshold: 1024 bytes. */
	public static final CompressionOptions DEFAULT = new CompressionOptions(1024);

	public CompressionOptions {
		if (threshold < 0) {
			throw new IllegalArgumentException("The compression threshold cannot be negative, got " + threshold);
		}
	}

}
