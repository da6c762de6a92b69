package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a connection factory follows a Redis Cluster's topology changes, as a failover needs: only a cluster
 * client that refreshes its view, adaptively or periodically, does; Spring Boot's default does not. Nothing connects.
 */
class LettuceConnectionTests {

	private static final RedisClusterConfiguration CLUSTER = new RedisClusterConfiguration(List.of("127.0.0.1:1"));

	@Test
	void aClusterClientWithoutTopologyRefreshDoesNotFollowAFailover() {
		assertThat(LettuceConnection.followsTopology(new LettuceConnectionFactory(CLUSTER))).isFalse();
		assertThat(LettuceConnection.followsTopology(factory(ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(true)
			.build()))).isFalse();
	}

	@Test
	void aClusterClientRefreshingAdaptivelyOrPeriodicallyFollowsAFailover() {
		assertThat(LettuceConnection.followsTopology(factory(ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.build()))).isTrue();
		assertThat(LettuceConnection.followsTopology(factory(ClusterTopologyRefreshOptions.builder()
			.enablePeriodicRefresh(Duration.ofSeconds(30))
			.build()))).isTrue();
	}

	@Test
	void aStandaloneRedisHasNoTopologyToFollow() {
		assertThat(LettuceConnection.followsTopology(new LettuceConnectionFactory(new RedisStandaloneConfiguration())))
			.isTrue();
	}

	private static LettuceConnectionFactory factory(ClusterTopologyRefreshOptions refresh) {
		return new LettuceConnectionFactory(CLUSTER, LettuceClientConfiguration.builder()
			.clientOptions(ClusterClientOptions.builder().topologyRefreshOptions(refresh).build())
			.build());
	}

}
