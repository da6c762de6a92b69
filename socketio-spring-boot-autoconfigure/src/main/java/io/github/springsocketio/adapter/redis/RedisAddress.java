package io.github.springsocketio.adapter.redis;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Names the Redis a connection factory connects to, for log lines: {@code host:port}, the cluster's nodes or the
 * sentinels' master, so that an operator sees at once which address a node could not reach.
 */
final class RedisAddress {

	private RedisAddress() {
	}

	static String of(ReactiveRedisConnectionFactory factory) {
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			return factory.getClass().getSimpleName();
		}
		if (lettuce.isClusterAware()) {
			return "cluster " + nodes(lettuce.getClusterConfiguration().getClusterNodes());
		}
		if (lettuce.isRedisSentinelAware()) {
			return "sentinel master " + lettuce.getSentinelConfiguration().getMaster().getName() + " via "
					+ nodes(lettuce.getSentinelConfiguration().getSentinels());
		}
		return lettuce.getHostName() + ":" + lettuce.getPort();
	}

	private static String nodes(Iterable<RedisNode> nodes) {
		return StreamSupport.stream(nodes.spliterator(), false).map(RedisNode::asString).collect(Collectors.joining(","));
	}

}
