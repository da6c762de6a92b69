package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.engine.CookieOptions;
import io.github.springsocketio.engine.HandshakeRequest;
import io.github.springsocketio.engine.HandshakeResponseCustomizer;
import io.github.springsocketio.engine.Transport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Sets the sticky node cookie ({@code socketio.sticky.*}) on every response that opens a session or upgrades it:
 * the polling handshake and the WebSocket {@code 101}. A request that brought another node's cookie (the balancer
 * fell back to this node) gets it overwritten.
 */
final class StickyCookie implements HandshakeResponseCustomizer {

	private static final Log logger = LogFactory.getLog(StickyCookie.class);

	private final String setCookie;

	private StickyCookie(String setCookie) {
		this.setCookie = setCookie;
	}

	static StickyCookie of(SocketIOProperties properties, SocketIONode node) {
		SocketIOProperties.Sticky sticky = properties.getSticky();
		String value = (sticky.getValue() != null && !sticky.getValue().isBlank()) ? sticky.getValue() : node.id();
		if (!value.matches("[A-Za-z0-9._~-]+")) {
			throw new InvalidConfigurationPropertyValueException("socketio.sticky.value", value,
					"Use letters, digits, '.', '_', '~' or '-' only: it is sent as a cookie value.");
		}
		CookieOptions cookie = EngineIoOptionsFactory.cookieOptions("socketio.sticky", "cookie-name",
				sticky.getCookieName(), sticky, false);
		SocketIOProperties.Cors cors = properties.getCors();
		if (!cors.getAllowedOrigins().isEmpty() && !cors.getAllowedOrigins().contains("*")
				&& !cors.isAllowCredentials()) {
			logger.warn("socketio.sticky.enabled with CORS origins but without socketio.cors.allow-credentials: "
					+ "browsers on those origins will not send the sticky cookie back, so their long-polling "
					+ "sessions will not stick to a node. Set socketio.cors.allow-credentials=true (and create the "
					+ "client with withCredentials: true).");
		}
		return new StickyCookie(cookie.toSetCookie(value));
	}

	@Override
	public void customize(HandshakeRequest request, Transport transport, HttpHeaders headers) {
		headers.add(HttpHeaderNames.SET_COOKIE, this.setCookie);
	}

	String setCookieHeader() {
		return this.setCookie;
	}

}
