package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one polling request, produced on the session's event loop and written by the request's connection.
 *
 * @param status the HTTP status
 * @param contentType the content type, {@code null} without a body
 * @param body the body, {@code null} for none
 * @param compressible whether the body may be compressed: a polling payload with at least one packet that allows it
 */
record HttpReply(int status, @Nullable String contentType, @Nullable ByteBuf body, boolean compressible) {

	static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

	private static final byte[] OK_BODY = "ok".getBytes(StandardCharsets.US_ASCII);

	static HttpReply payload(ByteBuf body, boolean compressible) {
		return new HttpReply(200, TEXT_PLAIN, body, compressible);
	}

	/** The answer to a successful POST: {@code ok} as {@code text/html}, as the reference server does. */
	static HttpReply ok() {
		return new HttpReply(200, "text/html", Unpooled.wrappedBuffer(OK_BODY), false);
	}

	static HttpReply empty(int status) {
		return new HttpReply(status, null, null, false);
	}

	static HttpReply error(EngineIoError error) {
		return error(error, error.message());
	}

	static HttpReply error(EngineIoError error, String message) {
		String json = "{\"code\":" + error.code() + ",\"message\":" + Json.quote(message) + "}";
		return new HttpReply(error.status(), "application/json",
				Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)), false);
	}

}
