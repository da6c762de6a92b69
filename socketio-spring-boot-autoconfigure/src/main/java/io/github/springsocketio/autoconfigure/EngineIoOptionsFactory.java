package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;

import io.github.springsocketio.engine.CompressionOptions;
import io.github.springsocketio.engine.CookieOptions;
import io.github.springsocketio.engine.CorsOptions;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link SocketIOProperties} into {@link EngineIoOptions}, refusing impossible values with a message that
 * names the property and what to change.
 */
final class EngineIoOptionsFactory {

	private EngineIoOptionsFactory() {
	}

	static EngineIoOptions.Builder builder(SocketIOProperties properties) {
		String path = properties.getPath();
		if (path == null || !path.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException("socketio.path", path, "The path must start with '/'.");
		}
		if (properties.getTransports().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("socketio.transports", "",
					"Allow at least one transport: polling, websocket.");
		}
		EngineIoOptions.Builder builder = EngineIoOptions.builder();
		if (properties.getMemoryBudget() != null) {
			builder.memoryBudget(size("socketio.memory-budget", properties.getMemoryBudget(), Long.MAX_VALUE));
		}
		return builder
			.path(path)
			.pingInterval(positive("socketio.ping-interval", properties.getPingInterval()))
			.pingTimeout(positive("socketio.ping-timeout", properties.getPingTimeout()))
			.upgradeTimeout(positive("socketio.upgrade-timeout", properties.getUpgradeTimeout()))
			.maxHttpBufferSize(size("socketio.max-http-buffer-size", properties.getMaxHttpBufferSize(), Integer.MAX_VALUE))
			.transports(EnumSet.copyOf(properties.getTransports()))
			.allowUpgrades(properties.isAllowUpgrades())
			.allowEio3(properties.isAllowEio3())
			.cors(cors(properties.getCors()))
			.cookie(cookie(properties.getCookie()))
			.addressLimits(SocketIOLimitsFactory.addressLimits(properties))
			.httpCompression(compression("socketio.http-compression", properties.getHttpCompression().isEnabled(),
					properties.getHttpCompression().getThreshold()))
			.perMessageDeflate(compression("socketio.per-message-deflate", properties.getPerMessageDeflate().isEnabled(),
					properties.getPerMessageDeflate().getThreshold()))
			.maxBufferedBytes(size("socketio.slow-client.max-buffered-size",
					properties.getSlowClient().getMaxBufferedSize(), Long.MAX_VALUE));
	}

	static Duration positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "The duration must be positive.");
		}
		return value;
	}

	static long size(String name, @Nullable DataSize value, long max) {
		if (value == null || value.toBytes() <= 0 || value.toBytes() > max) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"The size must be positive" + ((max < Long.MAX_VALUE) ? " and below 2GB." : "."));
		}
		return value.toBytes();
	}

	private static @Nullable CompressionOptions compression(String prefix, boolean enabled, @Nullable DataSize threshold) {
		if (!enabled) {
			return null;
		}
		if (threshold == null || threshold.isNegative() || threshold.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".threshold", threshold,
					"The threshold must be between 0 bytes and 2GB.");
		}
		return new CompressionOptions((int) threshold.toBytes());
	}

	private static @Nullable CorsOptions cors(SocketIOProperties.Cors cors) {
		if (cors.getAllowedOrigins().isEmpty() && cors.getAllowedOriginPatterns().isEmpty()) {
			return null;
		}
		if (cors.isAllowCredentials() && cors.getAllowedOrigins().contains("*")) {
			throw new InvalidConfigurationPropertyValueException("socketio.cors.allowed-origins", "*",
					"Browsers reject credentials with the origin '*'. List the exact origins (or use "
							+ "socketio.cors.allowed-origin-patterns), or set socketio.cors.allow-credentials=false.");
		}
		if (cors.getMaxAge() != null && cors.getMaxAge().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("socketio.cors.max-age", cors.getMaxAge(),
					"The max age cannot be negative.");
		}
		try {
			return new CorsOptions(cors.getAllowedOrigins(), cors.getAllowedOriginPatterns(), cors.getAllowedMethods(),
					cors.getAllowedHeaders(), cors.getExposedHeaders(), cors.isAllowCredentials(), cors.getMaxAge(),
					cors.isRejectDisallowedOrigins());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("socketio.cors.allowed-origins",
					cors.getAllowedOrigins(), ex.getMessage());
		}
	}

	private static @Nullable CookieOptions cookie(SocketIOProperties.Cookie cookie) {
		if (!cookie.isEnabled()) {
			return null;
		}
		return cookieOptions("socketio.cookie", "name", cookie.getName(), cookie, cookie.isPartitioned());
	}

	/**
	 * Turns a cookie's properties into cookie options, naming the offending property when a value is impossible.
	 * @param prefix the prefix of the cookie's properties, such as {@code socketio.cookie}
	 * @param nameProperty the property holding the cookie name, under {@code prefix}
	 * @param name the cookie name
	 * @param attributes the cookie's attributes
	 * @param partitioned whether to add the Partitioned attribute
	 * @return the options
	 */
	static CookieOptions cookieOptions(String prefix, String nameProperty, String name,
			SocketIOProperties.CookieAttributes attributes, boolean partitioned) {
		SocketIOProperties.SameSite sameSite = attributes.getSameSite();
		if (sameSite == SocketIOProperties.SameSite.NONE && !attributes.isSecure()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".same-site", "none",
					"Browsers reject SameSite=None cookies without Secure. Set " + prefix
							+ ".secure=true (and serve over HTTPS), or use lax.");
		}
		Duration maxAge = attributes.getMaxAge();
		if (maxAge != null && maxAge.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-age", maxAge,
					"The max age cannot be negative.");
		}
		try {
			return new CookieOptions(name, attributes.getPath(), attributes.getDomain(), attributes.isHttpOnly(),
					(sameSite != null) ? sameSite.name() : null, attributes.isSecure(), maxAge, partitioned);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + "." + nameProperty, name, ex.getMessage());
		}
	}

}
