package io.github.springsocketio.autoconfigure;

import reactor.netty.ReactorNetty;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sizes Reactor Netty's event loops to the CPUs the process may use, before the application's server creates them.
 *
 * <p>Reactor Netty starts {@code max(CPUs, 4)} loops; on fewer than 4 CPUs they take turns on the cores there are,
 * and every turn costs a thread switch and a hand-off between loops. The count is read once, from the system property
 * {@value ReactorNetty#IO_WORKER_COUNT}, when Reactor Netty's default loops are first created; nothing in Spring
 * Boot creates them before the environment is prepared, so setting the property here takes effect for the server and
 * for Reactor Netty clients alike. {@link Runtime#availableProcessors()} honours container CPU limits and
 * {@code -XX:ActiveProcessorCount}. A system property the user set always wins; the same key set in the application's
 * configuration (e.g. {@code application.properties}) is used in its place.
 */
class EventLoopsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String IO_WORKER_COUNT = ReactorNetty.IO_WORKER_COUNT;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (application.getWebApplicationType() != WebApplicationType.REACTIVE
				|| !environment.getProperty("socketio.enabled", Boolean.class, true)
				|| System.getProperty(IO_WORKER_COUNT) != null) {
			return;
		}
		String configured = environment.getProperty(IO_WORKER_COUNT);
		int count = (configured != null) ? parse(configured) : Runtime.getRuntime().availableProcessors();
		System.setProperty(IO_WORKER_COUNT, Integer.toString(count));
	}

	private static int parse(String configured) {
		try {
			int count = Integer.parseInt(configured.trim());
			if (count > 0) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalStateException("Property '" + IO_WORKER_COUNT + "' must be a positive number of event loops, "
				+ "but is '" + configured + "': set it to a whole number of 1 or more, or remove it to get one loop per CPU");
	}

}
