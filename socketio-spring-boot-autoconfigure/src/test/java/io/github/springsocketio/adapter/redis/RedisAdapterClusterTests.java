package io.github.springsocketio.adapter.redis;

/** The cluster suite on the Redis PUB/SUB adapter ({@code redis}, Node's classic {@code createAdapter}). */
class RedisAdapterClusterTests extends AdapterClusterSuite {

	private final RedisAdapterOptions options = RedisAdapterOptions.builder()
		.key(TestRedis.uniqueName("sio-classic"))
		.build();

	@Override
	protected ClusterNode start(String id) {
		return ClusterNode.startPubSub(id, this.redis, this.options);
	}

}
