package io.github.springsocketio.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares one instance of the strings nearly every handshake repeats (header names, query parameters and their usual
 * values), so that each session does not hold copies of its own: a server keeps every session's handshake for the
 * session's life. A fixed list rather than {@link String#intern()}, so that what clients send never grows it.
 */
final class CommonStrings {

	private static final Map<String, String> SHARED = new HashMap<>();

	static {
		for (String common : List.of(
				// request headers of browsers, the official clients and proxies, lower case as handshakes keep them
				"host", "connection", "upgrade", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
				"sec-websocket-protocol", "user-agent", "accept", "accept-encoding", "accept-language", "origin",
				"cookie", "cache-control", "pragma", "referer", "content-type", "content-length", "authorization",
				"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip",
				"forwarded", "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "sec-ch-ua", "sec-ch-ua-mobile",
				"sec-ch-ua-platform", "dnt",
				// their most common values
				"Upgrade", "upgrade", "websocket", "13", "keep-alive", "no-cache", "*/*", "gzip, deflate",
				"gzip, deflate, br", "permessage-deflate; client_max_window_bits",
				// the query of the official clients
				"EIO", "transport", "polling", "4", "3", "t", "sid", "b64", "1", "j")) {
			SHARED.put(common, common);
		}
	}

	private CommonStrings() {
	}

	/** @return the shared instance equal to a string, or the string itself when it is not a common one */
	static String shared(String value) {
		return SHARED.getOrDefault(value, value);
	}

}
