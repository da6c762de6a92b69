package io.github.springsocketio.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The {@link RedisConnectionRequirement} of whichever Redis adapter type is configured. */
@Configuration(proxyBeanMethods = false)
class RedisConnectionRequirementConfiguration {

	@Bean
	static RedisConnectionRequirement socketIoRedisConnectionRequirement(Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		return new RedisConnectionRequirement(environment, beanFactory);
	}

}
