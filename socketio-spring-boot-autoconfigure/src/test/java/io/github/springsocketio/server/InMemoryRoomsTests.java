package io.github.springsocketio.server;

/** {@link RoomsTests} with the in-memory adapter: one node. */
class InMemoryRoomsTests extends RoomsTests {

	@Override
	protected ClusterBackend newBackend() {
		return new InMemoryBackend();
	}

}
