package io.github.springsocketio.autoconfigure;

import java.util.List;

import io.github.springsocketio.engine.EngineIoServer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;

/**
 * Serves every {@link EngineIoServer} bean on the application's own Reactor Netty server, ahead of WebFlux.
 *
 * <p>The web server asks for its routes while it is being created, before most beans exist; the endpoints are
 * therefore looked up on the first request rather than now, so that they and their listeners may depend on any bean.
 */
final class EngineIoRouteProvider implements NettyRouteProvider {

	private final ObjectProvider<EngineIoServer> servers;

	private volatile @Nullable List<EngineIoServer> resolved;

	EngineIoRouteProvider(ObjectProvider<EngineIoServer> servers) {
		this.servers = servers;
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route((request) -> find(request) != null, this::handle);
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		EngineIoServer server = find(request);
		return (server != null) ? server.handle(request, response) : response.sendNotFound();
	}

	private @Nullable EngineIoServer find(HttpServerRequest request) {
		for (EngineIoServer server : servers()) {
			if (server.matches(request)) {
				return server;
			}
		}
		return null;
	}

	private List<EngineIoServer> servers() {
		List<EngineIoServer> servers = this.resolved;
		if (servers == null) {
			servers = this.servers.orderedStream().toList();
			this.resolved = servers;
		}
		return servers;
	}

}
