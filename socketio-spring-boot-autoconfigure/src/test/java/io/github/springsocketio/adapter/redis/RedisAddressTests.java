package io.github.springsocketio.adapter.redis;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address named when Redis is lost is the one the connection factory connects to. Nothing connects here.
 */
class RedisAddressTests {

	@Test
	void namesAStandaloneRedisByHostAndPort() {
		assertThat(RedisAddress.of(new LettuceConnectionFactory(new RedisStandaloneConfiguration("redis.local", 6390))))
			.isEqualTo("redis.local:6390");
	}

	@Test
	void namesAClusterByItsNodes() {
		assertThat(RedisAddress.of(new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of("10.0.0.1:7000", "10.0.0.2:7001")))))
			.isEqualTo("cluster 10.0.0.1:7000,10.0.0.2:7001");
	}

	@Test
	void namesSentinelsAndTheirMaster() {
		RedisSentinelConfiguration sentinels = new RedisSentinelConfiguration().master("main")
			.sentinel("10.0.0.1", 26379);
		assertThat(RedisAddress.of(new LettuceConnectionFactory(sentinels)))
			.isEqualTo("sentinel master main via 10.0.0.1:26379");
	}

}
