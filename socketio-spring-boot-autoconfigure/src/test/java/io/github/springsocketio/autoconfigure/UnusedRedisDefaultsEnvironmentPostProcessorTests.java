package io.github.springsocketio.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Redis in use, Boot's Redis health indicator and Redis repositories default to off; with Redis in use, or
 * when the application says otherwise, nothing changes.
 */
class UnusedRedisDefaultsEnvironmentPostProcessorTests {

	@Test
	void switchesTheRedisHealthAndRepositoriesOffWhenNoRedisIsUsed() {
		MockEnvironment environment = postProcess(new MockEnvironment());
		assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.data.redis.repositories.enabled")).isEqualTo("false");
	}

	@Test
	void leavesThemAloneWhenRedisIsConfigured() {
		MockEnvironment environment = postProcess(new MockEnvironment().withProperty("spring.data.redis.host", "r"));
		assertThat(environment.containsProperty("management.health.redis.enabled")).isFalse();
		assertThat(environment.containsProperty("spring.data.redis.repositories.enabled")).isFalse();
	}

	@Test
	void leavesThemAloneWhenTheRedisStreamsAdapterIsChosen() {
		MockEnvironment environment = postProcess(
				new MockEnvironment().withProperty("socketio.adapter.type", "redis-streams"));
		assertThat(environment.containsProperty("spring.data.redis.repositories.enabled")).isFalse();
	}

	@Test
	void leavesThemAloneWhenTheRedisPubSubAdapterIsChosen() {
		MockEnvironment environment = postProcess(new MockEnvironment().withProperty("socketio.adapter.type", "redis"));
		assertThat(environment.containsProperty("spring.data.redis.repositories.enabled")).isFalse();
		assertThat(environment.containsProperty("management.health.redis.enabled")).isFalse();
	}

	@Test
	void letsTheApplicationsOwnSettingWin() {
		MockEnvironment environment = postProcess(
				new MockEnvironment().withProperty("spring.data.redis.repositories.enabled", "true"));
		assertThat(environment.getProperty("spring.data.redis.repositories.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("false");
	}

	private static MockEnvironment postProcess(MockEnvironment environment) {
		new UnusedRedisDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
