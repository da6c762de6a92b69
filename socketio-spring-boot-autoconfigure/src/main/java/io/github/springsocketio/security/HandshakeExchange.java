package io.github.springsocketio.security;

import java.net.URI;
import java.net.URISyntaxException;

import io.github.springsocketio.server.Handshake;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * A read-only WebFlux exchange made of a socket's handshake request, so that the application's
 * {@link WebSessionManager} and security context repository find the session its cookies name, as they would for
 * an ordinary request. Nothing is ever written to its response.
 */
final class HandshakeExchange {

	private HandshakeExchange() {
	}

	static ServerWebExchange of(Handshake handshake, WebSessionManager sessionManager) {
		HttpHeaders headers = new HttpHeaders();
		handshake.headers().forEach(headers::add);
		return new DefaultServerWebExchange(new Request(uri(handshake), headers, handshake),
				new Response(), sessionManager, ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
	}

	private static URI uri(Handshake handshake) {
		String host = handshake.header("host");
		try {
			return new URI((handshake.secure() ? "https://" : "http://") + ((host != null) ? host : "localhost")
					+ handshake.url());
		}
		catch (URISyntaxException ex) {
			return URI.create("/");
		}
	}

	private static final class Request extends AbstractServerHttpRequest {

		private final Handshake handshake;

		Request(URI uri, HttpHeaders headers, Handshake handshake) {
			super(HttpMethod.GET, uri, null, headers);
			this.handshake = handshake;
		}

		@Override
		protected MultiValueMap<String, HttpCookie> initCookies() {
			MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
			for (String header : getHeaders().getOrEmpty(HttpHeaders.COOKIE)) {
				for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
					cookies.add(cookie.name(), new HttpCookie(cookie.name(), cookie.value()));
				}
			}
			return cookies;
		}

		@Override
		protected @Nullable SslInfo initSslInfo() {
			return null;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getNativeRequest() {
			return (T) this.handshake;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.empty();
		}

	}

	private static final class Response extends AbstractServerHttpResponse {

		Response() {
			super(DefaultDataBufferFactory.sharedInstance);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getNativeResponse() {
			return (T) this;
		}

		@Override
		protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
			return Mono.empty();
		}

		@Override
		protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return Mono.empty();
		}

		@Override
		protected void applyStatusCode() {
		}

		@Override
		protected void applyHeaders() {
		}

		@Override
		protected void applyCookies() {
		}

	}

}
