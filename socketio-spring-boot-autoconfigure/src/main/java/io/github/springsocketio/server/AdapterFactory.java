package io.github.springsocketio.server;

/**
 * Creates the adapter of each namespace.
 *
 * <pre>{@code
 * SocketIOServer server = SocketIOServer.builder()
 *         .adapterFactory(InMemoryAdapter::new)
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface AdapterFactory {

	/**
	 * Creates an adapter.
	 * @param namespace what the adapter may do with its namespace's local sockets
	 * @return the adapter, not yet initialised
	 */
	Adapter create(AdapterContext namespace);

}
