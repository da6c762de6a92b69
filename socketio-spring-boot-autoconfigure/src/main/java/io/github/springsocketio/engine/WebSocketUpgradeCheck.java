package io.github.springsocketio.engine;

import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Checks the WebSocket headers of an upgrade request as Node.js's {@code ws} does before it answers, so that a
 * malformed upgrade gets ws's {@code 400} and its message instead of failing inside the WebSocket handshake.
 */
final class WebSocketUpgradeCheck {

	/** A base64 encoding of 16 bytes, the only key RFC 6455 allows. */
	private static final Pattern KEY = Pattern.compile("[+/0-9A-Za-z]{22}==");

	private WebSocketUpgradeCheck() {
	}

	/** @return whether a request asks for a WebSocket: as Node.js's HTTP parser, without "Connection: upgrade" not */
	static boolean isUpgrade(HttpServerRequest request) {
		HttpHeaders headers = request.requestHeaders();
		return HttpMethod.GET.equals(request.method())
				&& headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
				&& headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
	}

	/** @return what is wrong with the upgrade request's headers, or {@code null} if nothing is */
	static @Nullable String problem(HttpHeaders headers) {
		String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
		if (key == null || !KEY.matcher(key.trim()).matches()) {
			return "Missing or invalid Sec-WebSocket-Key header";
		}
		String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
		if (!"13".equals(version) && !"8".equals(version)) {
			return "Missing or invalid Sec-WebSocket-Version header";
		}
		return null;
	}

}
