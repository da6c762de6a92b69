package io.github.springsocketio.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a test client connects: what both client libraries support.
 *
 * @param transports the transports, in order ({@code polling} first means upgrade when both are given)
 * @param auth the CONNECT payload
 * @param query query parameters added to the requests
 * @param headers headers added to the requests
 */
record ClientOptions(List<String> transports, Map<String, String> auth, Map<String, String> query,
		Map<String, String> headers) {

	static final ClientOptions DEFAULTS = new ClientOptions(List.of("polling", "websocket"), Map.of(), Map.of(),
			Map.of());

	static ClientOptions defaults() {
		return DEFAULTS;
	}

	static ClientOptions transports(String... transports) {
		return DEFAULTS.withTransports(transports);
	}

	static ClientOptions auth(Map<String, String> auth) {
		return DEFAULTS.withAuth(auth);
	}

	ClientOptions withTransports(String... transports) {
		return new ClientOptions(List.of(transports), this.auth, this.query, this.headers);
	}

	ClientOptions withAuth(Map<String, String> auth) {
		return new ClientOptions(this.transports, new LinkedHashMap<>(auth), this.query, this.headers);
	}

	ClientOptions withQuery(Map<String, String> query) {
		return new ClientOptions(this.transports, this.auth, new LinkedHashMap<>(query), this.headers);
	}

	ClientOptions withHeaders(Map<String, String> headers) {
		return new ClientOptions(this.transports, this.auth, this.query, new LinkedHashMap<>(headers));
	}

}
