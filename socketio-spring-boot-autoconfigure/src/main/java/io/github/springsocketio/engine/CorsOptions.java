package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * CORS for the Engine.IO endpoint. WebFlux's CORS support never sees these requests, so the engine answers CORS
 * itself, as the Node.js server does with its {@code cors} option.
 *
 * <pre>{@code
 * CorsOptions cors = CorsOptions.builder()
 *         .allowedOrigins(List.of("https://chat.example.com"))
 *         .allowCredentials(true)
 *         .build();
 * }</pre>
 *
 * @param allowedOrigins exact origins echoed back, or the single value {@code *} for any origin
 * @param allowedOriginPatterns origins with {@code *} wildcards, e.g. {@code https://*.example.com}; echoed back
 * @param allowedMethods methods announced in a preflight answer
 * @param allowedHeaders headers announced in a preflight answer; empty echoes the requested ones
 * @param exposedHeaders headers a browser script may read
 * @param allowCredentials whether cookies may be sent; requires exact origins, never {@code *}
 * @param maxAge how long a browser may cache a preflight answer, {@code null} for none
 * @param rejectDisallowedOrigins whether a request whose {@code Origin} is not allowed is refused with {@code 403} on
 * every transport (browsers do not apply CORS to WebSockets, so without it any site may open one with its visitors'
 * cookies); requests without {@code Origin} are always served
 */
public record CorsOptions(List<String> allowedOrigins, List<String> allowedOriginPatterns, List<String> allowedMethods,
		List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials, @Nullable Duration maxAge,
		boolean rejectDisallowedOrigins) {

	/** The methods the Node.js {@code cors} package announces by default. */
	public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE");

	public CorsOptions {
		allowedOrigins = List.copyOf(allowedOrigins);
		allowedOriginPatterns = List.copyOf(allowedOriginPatterns);
		allowedMethods = List.copyOf(allowedMethods);
		allowedHeaders = List.copyOf(allowedHeaders);
		exposedHeaders = List.copyOf(exposedHeaders);
		if (allowCredentials && allowedOrigins.contains("*")) {
			throw new IllegalArgumentException("CORS credentials cannot be allowed for the origin '*': browsers reject "
					+ "that answer. List the exact origins (or origin patterns) instead.");
		}
		if (allowedOrigins.contains("*") && allowedOrigins.size() > 1) {
			throw new IllegalArgumentException("The CORS origin '*' allows every origin and cannot be combined with "
					+ "other origins: " + allowedOrigins);
		}
		if (maxAge != null && maxAge.isNegative()) {
			throw new IllegalArgumentException("The CORS max age cannot be negative, got " + maxAge);
		}
	}

	/** @return whether every origin is allowed with the literal {@code *} */
	public boolean allowsAnyOrigin() {
		return this.allowedOrigins.contains("*");
	}

	/** @return a builder with no origin allowed, the default methods, and disallowed origins refused */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link CorsOptions}. */
	public static final class Builder {

		private List<String> allowedOrigins = List.of();

		private List<String> allowedOriginPatterns = List.of();

		private List<String> allowedMethods = DEFAULT_METHODS;

		private List<String> allowedHeaders = List.of();

		private List<String> exposedHeaders = List.of();

		private boolean allowCredentials;

		private @Nullable Duration maxAge;

		private boolean rejectDisallowedOrigins = true;

		private Builder() {
		}

		public Builder allowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
			return this;
		}

		public Builder allowedOriginPatterns(List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
			return this;
		}

		public Builder allowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
			return this;
		}

		public Builder allowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
			return this;
		}

		public Builder exposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
			return this;
		}

		public Builder allowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
			return this;
		}

		public Builder maxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
			return this;
		}

		public Builder rejectDisallowedOrigins(boolean rejectDisallowedOrigins) {
			this.rejectDisallowedOrigins = rejectDisallowedOrigins;
			return this;
		}

		public CorsOptions build() {
			return new CorsOptions(this.allowedOrigins, this.allowedOriginPatterns, this.allowedMethods,
					this.allowedHeaders, this.exposedHeaders, this.allowCredentials, this.maxAge,
					this.rejectDisallowedOrigins);
		}

	}

}
