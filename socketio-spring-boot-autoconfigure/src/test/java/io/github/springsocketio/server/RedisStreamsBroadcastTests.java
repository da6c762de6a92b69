package io.github.springsocketio.server;

/** {@link BroadcastTests} with the Redis Streams adapter: three nodes on one real Redis stream. */
class RedisStreamsBroadcastTests extends BroadcastTests {

	@Override
	protected ClusterBackend newBackend() {
		return new RedisStreamsBackend();
	}

}
