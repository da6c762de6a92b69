package io.github.springsocketio.server;

/** {@link BroadcastTests} with the in-memory adapter: one node. */
class InMemoryBroadcastTests extends BroadcastTests {

	@Override
	protected ClusterBackend newBackend() {
		return new InMemoryBackend();
	}

}
