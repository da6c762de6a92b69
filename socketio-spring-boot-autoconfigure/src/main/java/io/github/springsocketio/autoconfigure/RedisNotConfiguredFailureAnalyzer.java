package io.github.springsocketio.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up refused because the Redis Streams adapter has no Redis configured, and how to configure it.
 */
class RedisNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<RedisNotConfiguredException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisNotConfiguredException cause) {
		String message = cause.getMessage();
		return new FailureAnalysis(message.substring(0, message.length() - cause.getAction().length()).trim(),
				cause.getAction(), cause);
	}

}
