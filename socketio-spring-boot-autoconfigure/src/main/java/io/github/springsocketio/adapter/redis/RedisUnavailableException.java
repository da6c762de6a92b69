package io.github.springsocketio.adapter.redis;

/**
 * A cluster operation was not published because Redis does not answer. The operation still applied to this node.
 */
public class RedisUnavailableException extends RuntimeException {

	public RedisUnavailableException(String message) {
		super(message, null, false, false);
	}

}
