package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.engine.EngineIoOptions;

/**
 * Adjusts the Engine.IO options built from the {@code socketio.*} properties, without replacing them.
 *
 * <pre>{@code
 * @Bean
 * EngineIoOptionsCustomizer noUpgrades() {
 *     return (options) -> options.allowUpgrades(false);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface EngineIoOptionsCustomizer {

	/**
	 * Customizes the options.
	 * @param options the builder, already holding the configured values
	 */
	void customize(EngineIoOptions.Builder options);

}
