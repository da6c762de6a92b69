package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.SocketIOServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs one INFO line when the application's web server has started and Socket.IO is reachable on it: the path, the
 * port, the adapter and the node, beside Spring Boot's own "Netty started on port" line.
 */
class SocketIOServingLogger implements ApplicationListener<ReactiveWebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(SocketIOServingLogger.class);

	private final SocketIOServer server;

	private final @Nullable AdapterFactory adapterFactory;

	private final String nodeId;

	SocketIOServingLogger(SocketIOServer server, @Nullable AdapterFactory adapterFactory, String nodeId) {
		this.server = server;
		this.adapterFactory = adapterFactory;
		this.nodeId = nodeId;
	}

	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		// A management server on its own port publishes this event too (to its parent context); it serves no Socket.IO.
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		logger.info("Socket.IO serving at " + this.server.engine().options().path() + " on port "
				+ event.getWebServer().getPort() + " with the " + adapter() + " adapter (node " + this.nodeId + ")");
	}

	private String adapter() {
		if (this.adapterFactory instanceof ClusterStatus cluster) {
			return cluster.type();
		}
		Object adapter = this.server.defaultNamespace().adapter();
		return (adapter instanceof InMemoryAdapter) ? "in-memory" : adapter.getClass().getSimpleName();
	}

}
