package io.github.springsocketio.server;

import io.github.springsocketio.adapter.InMemoryAdapter;

/** The in-memory adapter: nothing is shared between nodes, so a test runs one. */
final class InMemoryBackend implements ClusterBackend {

	@Override
	public int nodes() {
		return 1;
	}

	@Override
	public AdapterFactory newNode() {
		return InMemoryAdapter::new;
	}

}
