package io.github.springsocketio.engine;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What the first request of a session looked like. Socket.IO exposes it as the socket's {@code handshake}.
 *
 * @param url the request target, path and query, e.g. {@code /socket.io/?EIO=4&transport=polling}
 * @param headers the request headers, lower-case names, repeated headers joined as Node.js joins them
 * @param query the query parameters, first value of each
 * @param remoteAddress the client's IP address
 * @param secure whether the request came over TLS
 * @param issued when the session was created, epoch milliseconds
 */
public record HandshakeRequest(String url, Map<String, String> headers, Map<String, String> query,
		String remoteAddress, boolean secure, long issued) {

	public HandshakeRequest {
		headers = Map.copyOf(headers);
		query = Map.copyOf(query);
	}

	/**
	 * One header by its name.
	 * @param name the header name, any case
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** @return whether the first request had an {@code Origin} header (Node's {@code xdomain}) */
	public boolean crossDomain() {
		return this.headers.containsKey("origin");
	}

	/** Describes a handshake request; repeated headers are joined as Node.js joins them. */
	static HandshakeRequest of(HttpServerRequest request, Map<String, String> query) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : request.requestHeaders()) {
			String name = CommonStrings.shared(header.getKey().toLowerCase(Locale.ROOT));
			String separator = "cookie".equals(name) ? "; " : ", ";
			headers.merge(name, CommonStrings.shared(header.getValue()), (first, second) -> first + separator + second);
		}
		InetSocketAddress remote = request.remoteAddress();
		String address = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "";
		return new HandshakeRequest(request.uri(), headers, query, address, "https".equals(request.scheme()),
				System.currentTimeMillis());
	}

}
