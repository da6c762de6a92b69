package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Reads the query parameters of a request target as Node.js's {@code URLSearchParams} does: a malformed percent
 * escape (such as {@code %zz}) is kept as written rather than failing the request, and bytes that are not UTF-8
 * decode to U+FFFD. The first value of a repeated name wins.
 */
final class QueryParameters {

	private QueryParameters() {
	}

	static Map<String, String> of(String uri) {
		int start = uri.indexOf('?');
		Map<String, String> query = new LinkedHashMap<>();
		if (start < 0) {
			return query;
		}
		int end = uri.indexOf('#', start);
		String raw = uri.substring(start + 1, (end < 0) ? uri.length() : end);
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			query.putIfAbsent(CommonStrings.shared(name), CommonStrings.shared(value));
		}
		return query;
	}

	private static String decode(String component) {
		try {
			return QueryStringDecoder.decodeComponent(component);
		}
		catch (IllegalArgumentException ex) {
			return decodeLeniently(component);
		}
	}

	/** Decodes the well-formed escapes and keeps the others as written. */
	private static String decodeLeniently(String component) {
		int length = component.length();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
		int i = 0;
		while (i < length) {
			char c = component.charAt(i);
			if (c == '%' && i + 2 < length && isHex(component.charAt(i + 1)) && isHex(component.charAt(i + 2))) {
				bytes.write(Integer.parseInt(component, i + 1, i + 3, 16));
				i += 3;
			}
			else if (c == '+') {
				bytes.write(' ');
				i++;
			}
			else {
				int next = i + 1;
				while (next < length && component.charAt(next) != '%' && component.charAt(next) != '+') {
					next++;
				}
				bytes.writeBytes(component.substring(i, next).getBytes(StandardCharsets.UTF_8));
				i = next;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

}
