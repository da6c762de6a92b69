package io.github.springsocketio.sample.interop;

import java.util.Map;

import io.github.springsocketio.annotation.SocketIOConnectMiddleware;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.autoconfigure.SocketIONode;
import io.github.springsocketio.server.ConnectionRefusedException;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The interop test application: the namespaces and events every real-client test, cluster test and benchmark
 * drives, as annotated handlers ({@link InteropHandlers}). Settings in {@code application-interop.yml}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("interop")
public class InteropConfiguration {

	@Bean
	InteropHandlers interopHandlers(SocketIONode node) {
		return new InteropHandlers(node.id());
	}

	/** {@code /admin} admits only clients whose handshake auth carries the token. */
	@Bean
	@SocketIONamespace("/admin")
	SocketIOConnectMiddleware adminToken() {
		return (socket) -> "secret".equals(socket.handshake().auth("token")) ? Mono.empty()
				: Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "invalid token")));
	}

}
