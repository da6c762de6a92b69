package io.github.springsocketio.server;

/** {@link RoomsTests} with the Redis Streams adapter: three nodes on one real Redis stream. */
class RedisStreamsRoomsTests extends RoomsTests {

	@Override
	protected ClusterBackend newBackend() {
		return new RedisStreamsBackend();
	}

}
