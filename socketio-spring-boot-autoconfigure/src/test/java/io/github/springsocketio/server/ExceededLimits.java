package io.github.springsocketio.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.adapter.InMemoryAdapter;

/**
 * Records the limits clients went past, in order, as the server reports them to its observers.
 */
final class ExceededLimits implements SocketIOObserver {

	final List<Limit> seen = new CopyOnWriteArrayList<>();

	/** @return a server on the in-memory adapter with these options, observed by this recorder */
	SocketIOServer server(SocketIOOptions options) {
		SocketIOServer server = SocketIOServer.builder().options(options).adapterFactory(InMemoryAdapter::new).build();
		server.observe(this);
		return server;
	}

	/** @return a server on the in-memory adapter with these limits, observed by this recorder */
	SocketIOServer server(SocketIOLimits limits) {
		return server(SocketIOOptions.defaults().withLimits(limits));
	}

	@Override
	public void limitExceeded(Limit limit) {
		this.seen.add(limit);
	}

}
