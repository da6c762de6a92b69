package io.github.springsocketio.engine;

import java.util.Map;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket permessage-deflate extension (RFC 7692), as the reference's {@code perMessageDeflate} option: agreed
 * with a client that offers it, on the upgrade's response headers, by Netty's handshaker; then messages of at least
 * the threshold are compressed by Netty's encoder, and the client's compressed messages inflated within the size
 * limit ({@link MessageInflater}).
 */
final class PerMessageDeflate {

	private final PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker(
			6, ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
			PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false);

	private final int threshold;

	private final long maxMessageSize;

	PerMessageDeflate(CompressionOptions options, long maxMessageSize) {
		this.threshold = options.threshold();
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Agrees on the extension if the upgrade request offers it in a form this server supports, and says so in the
	 * response's {@code Sec-WebSocket-Extensions}.
	 * @param requestHeaders the upgrade request's headers
	 * @param responseHeaders the headers of the {@code 101} response, not yet sent
	 * @return the agreed extension, {@code null} when none was
	 */
	@Nullable Agreed negotiate(HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
		String offers = requestHeaders.get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
		if (offers == null) {
			return null;
		}
		for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(offers)) {
			WebSocketServerExtension extension = this.handshaker.handshakeExtension(offer);
			if (extension != null) {
				responseHeaders.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, header(extension.newReponseData()));
				return new Agreed(extension, this.threshold, this.maxMessageSize);
			}
		}
		return null;
	}

	private static String header(WebSocketExtensionData data) {
		StringBuilder header = new StringBuilder(data.name());
		for (Map.Entry<String, String> parameter : data.parameters().entrySet()) {
			header.append("; ").append(parameter.getKey());
			if (parameter.getValue() != null) {
				header.append('=').append(parameter.getValue());
			}
		}
		return header.toString();
	}

	/**
	 * The extension agreed with one client.
	 * @param extension Netty's extension, which makes the encoder
	 * @param threshold the smallest message compressed, in bytes
	 * @param maxMessageSize the largest message accepted once inflated
	 */
	record Agreed(WebSocketServerExtension extension, int threshold, long maxMessageSize) {

		/** @return the handler that compresses the frames written to it */
		ChannelHandler newEncoder() {
			return this.extension.newExtensionEncoder();
		}

		/** @return the handler that inflates the compressed frames read */
		ChannelHandler newDecoder() {
			return new MessageInflater(this.maxMessageSize);
		}

		/** @return whether a message of this size is compressed */
		boolean applies(int length) {
			return length >= this.threshold;
		}

	}

}
