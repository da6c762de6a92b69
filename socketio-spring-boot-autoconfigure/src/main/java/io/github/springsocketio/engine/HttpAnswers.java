package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Writes the engine's HTTP answers: a polling reply, the plain-text refusal of a WebSocket upgrade, and the
 * {@code 413} of an oversized body, each with the headers the Node.js reference sends.
 */
final class HttpAnswers {

	private HttpAnswers() {
	}

	/**
	 * Writes a reply made on another thread (the session's event loop) from the connection's own event loop.
	 * Reactor Netty ends the exchange where the write completes; ended on another thread, later requests of the
	 * kept-alive connection were sometimes never handled.
	 */
	static Mono<Void> writeFromConnectionLoop(HttpServerResponse response, Mono<HttpReply> reply,
			@Nullable HttpCompression compression) {
		EventLoop[] loop = new EventLoop[1];
		response.withConnection((connection) -> loop[0] = connection.channel().eventLoop());
		Mono<HttpReply> onLoop = (loop[0] != null) ? reply.publishOn(Schedulers.fromExecutor(loop[0])) : reply;
		return onLoop.flatMap((answer) -> write(response, answer, compression));
	}

	/** Writes a reply that is never compressed. */
	static Mono<Void> write(HttpServerResponse response, HttpReply reply) {
		return write(response, reply, null);
	}

	/**
	 * Writes a polling reply; a {@code 200} is never to be cached. A compressible body of at least the threshold is
	 * compressed here, on the connection's event loop, rather than on the session's.
	 */
	static Mono<Void> write(HttpServerResponse response, HttpReply reply, @Nullable HttpCompression compression) {
		response.status(reply.status());
		ByteBuf body = reply.body();
		if (body != null && compression != null && reply.compressible() && compression.applies(body.readableBytes())) {
			body = compression.compress(body);
			response.header(HttpHeaderNames.CONTENT_ENCODING, compression.coding());
		}
		if (reply.status() == 200) {
			response.header(HttpHeaderNames.CACHE_CONTROL, "no-store");
		}
		if (body == null) {
			return response.header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
		}
		if (reply.contentType() != null) {
			response.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
		}
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.readableBytes()));
		return response.sendObject(body).then();
	}

	/** Refuses a WebSocket upgrade as the reference writes it on the raw socket: plain text, then the close. */
	static Mono<Void> refuseUpgrade(HttpServerResponse response, int status, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		return response.status(status)
			.keepAlive(false)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/html")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	/** Over the limit: 413 and the body is discarded; the session lives on, as in Node.js. */
	static Mono<Void> tooLarge(HttpServerResponse response) {
		return response.status(413).keepAlive(false).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
	}

}
