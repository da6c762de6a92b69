package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * Answers CORS for the Engine.IO endpoint as the Node.js {@code cors} package does: the allowed origin echoed with
 * {@code Vary: Origin}, credentials when enabled, and {@code 204} preflight answers. A disallowed origin gets no CORS
 * headers and, unless that check is turned off, is refused: browsers apply CORS to neither WebSockets nor the
 * requests they send anyway, so without the refusal any site could use the endpoint with its visitors' cookies.
 */
final class CorsProcessor {

	private final CorsOptions options;

	private final List<Pattern> originPatterns;

	private final String allowedMethods;

	private final @Nullable String allowedHeaders;

	private final @Nullable String exposedHeaders;

	CorsProcessor(CorsOptions options) {
		this.options = options;
		this.originPatterns = options.allowedOriginPatterns().stream().map(CorsProcessor::toRegex).toList();
		this.allowedMethods = String.join(",", options.allowedMethods());
		this.allowedHeaders = options.allowedHeaders().isEmpty() ? null : String.join(",", options.allowedHeaders());
		this.exposedHeaders = options.exposedHeaders().isEmpty() ? null : String.join(",", options.exposedHeaders());
	}

	private static Pattern toRegex(String originPattern) {
		StringBuilder regex = new StringBuilder();
		for (String part : originPattern.split("\\*", -1)) {
			if (regex.length() > 0) {
				regex.append("[^/]*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
	}

	static boolean isPreflight(HttpMethod method, HttpHeaders requestHeaders) {
		return HttpMethod.OPTIONS.equals(method) && requestHeaders.contains(HttpHeaderNames.ORIGIN)
				&& requestHeaders.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
	}

	/** Adds the headers every answer carries (preflight or not). */
	void addResponseHeaders(HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
		String origin = requestHeaders.get(HttpHeaderNames.ORIGIN);
		if (this.options.allowsAnyOrigin()) {
			responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
		}
		else {
			responseHeaders.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
			if (origin != null && isAllowed(origin)) {
				responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			}
		}
		if (this.options.allowCredentials()) {
			responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (this.exposedHeaders != null) {
			responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, this.exposedHeaders);
		}
	}

	/** Adds the headers of a preflight answer. */
	void addPreflightHeaders(HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
		responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, this.allowedMethods);
		if (this.allowedHeaders != null) {
			responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, this.allowedHeaders);
		}
		else {
			String requested = requestHeaders.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
			responseHeaders.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
			if (requested != null) {
				responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
			}
		}
		Duration maxAge = this.options.maxAge();
		if (maxAge != null) {
			responseHeaders.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge.toSeconds()));
		}
		responseHeaders.set(HttpHeaderNames.CONTENT_LENGTH, "0");
	}

	/**
	 * @return whether a request from this origin is refused: the check is on, and the origin is present and not
	 * allowed (a request without origin comes from a client that is no browser)
	 */
	boolean refuses(@Nullable String origin) {
		return origin != null && this.options.rejectDisallowedOrigins() && !isAllowed(origin);
	}

	boolean isAllowed(String origin) {
		if (this.options.allowsAnyOrigin() || this.options.allowedOrigins().contains(origin)) {
			return true;
		}
		for (Pattern pattern : this.originPatterns) {
			if (pattern.matcher(origin).matches()) {
				return true;
			}
		}
		return false;
	}

}
