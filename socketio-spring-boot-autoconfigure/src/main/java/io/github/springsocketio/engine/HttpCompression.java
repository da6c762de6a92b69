package io.github.springsocketio.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The compression of one polling response, as the reference's {@code httpCompression}: the content coding the
 * request accepts ({@code gzip} or {@code deflate}, by its {@code Accept-Encoding}), applied to bodies of at least
 * the threshold.
 *
 * @param coding {@code gzip} or {@code deflate} (zlib format, as HTTP's {@code deflate} is)
 * @param threshold the smallest body compressed, in bytes
 */
record HttpCompression(String coding, int threshold) {

	static final String GZIP = "gzip";

	static final String DEFLATE = "deflate";

	private static final String[] CODINGS = { GZIP, DEFLATE };

	/**
	 * Chooses how to compress the response to a request.
	 * @param options the endpoint's option, {@code null} when compression is off
	 * @param requestHeaders the request's headers
	 * @return the compression, or {@code null} when off or when the request accepts neither coding
	 */
	static @Nullable HttpCompression negotiate(@Nullable CompressionOptions options, HttpHeaders requestHeaders) {
		if (options == null) {
			return null;
		}
		String accepted = requestHeaders.get(HttpHeaderNames.ACCEPT_ENCODING);
		String coding = (accepted != null) ? preferredCoding(accepted) : null;
		return (coding != null) ? new HttpCompression(coding, options.threshold()) : null;
	}

	/**
	 * The coding of {@link #CODINGS} the header prefers, ranked as Node's {@code negotiator} does: by quality, an exact
	 * name before {@code *}, then by the order of the header, then gzip before deflate.
	 * @param acceptEncoding the header's value
	 * @return the coding, or {@code null} when neither is acceptable
	 */
	static @Nullable String preferredCoding(String acceptEncoding) {
		String best = null;
		double bestQuality = 0;
		int bestSpecificity = -1;
		int bestOrder = Integer.MAX_VALUE;
		for (String coding : CODINGS) {
			double quality = 0;
			int specificity = -1;
			int order = Integer.MAX_VALUE;
			String[] entries = acceptEncoding.split(",");
			for (int i = 0; i < entries.length; i++) {
				String[] parts = entries[i].split(";");
				String name = parts[0].strip().toLowerCase(Locale.ROOT);
				int entrySpecificity = name.equals(coding) ? 1 : name.equals("*") ? 0 : -1;
				if (entrySpecificity <= specificity) {
					continue;
				}
				specificity = entrySpecificity;
				quality = quality(parts);
				order = i;
			}
			boolean better = quality > bestQuality || (quality == bestQuality && quality > 0
					&& (specificity > bestSpecificity || (specificity == bestSpecificity && order < bestOrder)));
			if (better) {
				best = coding;
				bestQuality = quality;
				bestSpecificity = specificity;
				bestOrder = order;
			}
		}
		return best;
	}

	private static double quality(String[] parameters) {
		for (int i = 1; i < parameters.length; i++) {
			String parameter = parameters[i].strip();
			if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
					&& parameter.charAt(1) == '=') {
				try {
					double quality = Double.parseDouble(parameter.substring(2));
					return (quality >= 0 && quality <= 1) ? quality : 0;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

	/** @return whether a body of this size is compressed */
	boolean applies(int length) {
		return length >= this.threshold;
	}

	/**
	 * Compresses a body with the JDK's zlib and releases it.
	 * @param body the body
	 * @return the compressed body
	 */
	ByteBuf compress(ByteBuf body) {
		ByteBuf compressed = Unpooled.buffer(Math.max(64, body.readableBytes() / 4));
		try (OutputStream out = open(new ByteBufOutputStream(compressed))) {
			body.getBytes(body.readerIndex(), out, body.readableBytes());
		}
		catch (IOException ex) {
			// writes to memory only: cannot happen
			compressed.release();
			throw new UncheckedIOException(ex);
		}
		finally {
			body.release();
		}
		return compressed;
	}

	private OutputStream open(OutputStream out) throws IOException {
		return GZIP.equals(this.coding) ? new GZIPOutputStream(out, 8192) : new DeflaterOutputStream(out);
	}

}
