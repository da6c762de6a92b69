package io.github.springsocketio.server;

import java.util.List;

/**
 * How the server nodes of a multi-node suite ({@link RoomsTests}, {@link BroadcastTests}) are built. Every node one
 * backend builds shares it, so that rooms, broadcasts, acknowledgements and socket operations span them: a cluster
 * backend (a Redis stream, say) lets several nodes share one; the in-memory adapter shares nothing, so its backend
 * runs a single node. A new backend is made for each test, so tests never see each other's nodes.
 */
interface ClusterBackend extends AutoCloseable {

	/** @return how many nodes each test starts (clients are spread over them) */
	int nodes();

	/** @return the adapter factory of one more node sharing this backend */
	AdapterFactory newNode();

	/**
	 * Waits until the nodes started so far see each other (e.g. count each other as servers).
	 * @param nodes the servers of the nodes, in the order they were started
	 */
	default void awaitReady(List<SocketIOServer> nodes) {
	}

	/** Releases what the backend holds (connections, streams); called after the test's servers are closed. */
	@Override
	default void close() {
	}

}
