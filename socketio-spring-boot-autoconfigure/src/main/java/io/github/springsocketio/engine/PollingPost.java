package io.github.springsocketio.engine;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Receives the body of one polling POST into its session: one POST at a time per session, within the size limit,
 * counted against the memory budget until handled, and a body cut short ends the session.
 */
final class PollingPost {

	// logs under the endpoint's name, as these lines always did
	private static final Log logger = LogFactory.getLog(EngineIoServer.class);

	private PollingPost() {
	}

	/**
	 * Reads the body of a polling POST into its session and answers it.
	 * @param request the POST
	 * @param response its response
	 * @param session the session it belongs to
	 * @param maxSize the largest body accepted
	 * @return the answer, written once the session has handled the body
	 */
	static Mono<Void> receive(HttpServerRequest request, HttpServerResponse response, Session session, long maxSize) {
		String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		boolean binaryPayload = contentType != null && contentType.startsWith(PollingPayloadV3.OCTET_STREAM);
		if (binaryPayload && session.protocol() != 3) {
			// binary POST bodies are an Engine.IO v3 feature, invalid in v4: the session ends now, as in Node.js
			session.queueTask(() -> session.terminate(CloseReason.TRANSPORT_ERROR));
			return HttpAnswers.write(response, HttpReply.empty(400));
		}
		long declaredLength = request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
		if (declaredLength > maxSize) {
			return HttpAnswers.tooLarge(response);
		}
		if (!session.postInFlight.compareAndSet(false, true)) {
			logger.debug("Session " + session.id() + " sent a second concurrent POST; closing it");
			session.queueTask(() -> session.terminate(CloseReason.TRANSPORT_ERROR));
			return HttpAnswers.write(response, HttpReply.empty(400));
		}
		// the body counts against the memory budget from its first chunk until it has been handled
		return Mono.using(() -> new BoundedBody(maxSize, session.memory), (collected) -> HttpAnswers
			.writeFromConnectionLoop(response, request.receive()
				.reduce(collected, BoundedBody::append)
				.map(BoundedBody::toByteArray)
				.flatMap((body) -> Mono.<HttpReply>create((done) -> session.queueTask(() -> done.success(session.onPostBody(body, binaryPayload)))))
				.onErrorResume((ex) -> !(ex instanceof BoundedBody.TooLargeException), (ex) -> bodyLost(session, ex)), null)
			.onErrorResume(BoundedBody.TooLargeException.class, (ex) -> {
				session.postInFlight.set(false);
				return HttpAnswers.tooLarge(response);
			}), BoundedBody::release);
	}

	/**
	 * The body could not be read to its end (the client closed the connection in the middle of it): nothing of it
	 * is delivered and the session ends with {@code transport error}, as in Node.js ("data request connection closed
	 * prematurely"), rather than staying marked as reading a POST that will never end.
	 */
	private static Mono<HttpReply> bodyLost(Session session, Throwable cause) {
		logger.debug("The body of a POST of session " + session.id() + " was cut short (" + cause + "); closing it");
		session.postInFlight.set(false);
		session.queueTask(() -> session.terminate(CloseReason.TRANSPORT_ERROR));
		return Mono.just(HttpReply.empty(400));
	}

}
