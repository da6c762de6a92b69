package io.github.springsocketio.sample.interop;

import java.util.regex.Pattern;

import io.github.springsocketio.autoconfigure.SocketIONode;
import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.server.ConnectionRefusedException;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The interop test application: the namespaces and events every real-client test, cluster test and benchmark
 * drives. Settings in {@code application-interop.yml}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("interop")
public class InteropConfiguration {

	@Bean
	InteropHandlers interopHandlers(SocketIONode node) {
		return new InteropHandlers(node.id());
	}

	@Bean
	SocketIOServerCustomizer interopNamespaces(InteropHandlers handlers) {
		return (server) -> {
			server.onConnection(handlers::register);
			server.of("/admin")
				.use((socket) -> "secret".equals(socket.handshake().auth("token")) ? Mono.empty()
						: Mono.error(new ConnectionRefusedException("unauthorized",
								java.util.Map.of("reason", "invalid token"))))
				.onConnection(handlers::register);
			server.of(Pattern.compile("^/dyn-\\w+$")).onConnection(handlers::register);
		};
	}

}
