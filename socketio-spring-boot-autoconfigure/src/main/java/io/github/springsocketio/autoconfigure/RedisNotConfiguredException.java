package io.github.springsocketio.autoconfigure;

/**
 * Thrown at start-up when the Redis Streams adapter was asked for but has no Redis to connect to; carries the action
 * that fixes it, which {@link RedisNotConfiguredFailureAnalyzer} shows.
 */
class RedisNotConfiguredException extends IllegalStateException {

	private final String action;

	RedisNotConfiguredException(String description, String action) {
		super(description + " " + action);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
