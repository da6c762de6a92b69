package io.github.springsocketio.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Raises the request head limits of the application's Netty server to Node.js's 16 KB: Reactor Netty refuses a
 * request line over 4 KB ({@code 414}) and headers over 8 KB ({@code 431}), while real clients carry long tokens in
 * the query and in cookies. The defaults have the lowest precedence, so an explicit
 * {@code server.max-http-request-header-size} or {@code server.netty.max-initial-line-length} always wins.
 */
class RequestHeadLimitsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE = "socketioRequestHeadLimits";

	private static final Map<String, Object> NODE_LIMITS = Map.of("server.max-http-request-header-size", "16KB",
			"server.netty.max-initial-line-length", "16KB");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("socketio.enabled", Boolean.class, true)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, NODE_LIMITS));
		}
	}

}
