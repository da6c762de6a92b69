package io.github.springsocketio.sample.conformance;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.server.Namespace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The server setups of the official protocol suites; timings come from {@code application-conformance.yml}.
 * <ul>
 * <li>Engine.IO suite: a raw Engine.IO endpoint at {@code /engine.io/} that sends every message back unchanged, text
 * as text and binary as binary.</li>
 * <li>Socket.IO suite: on {@code /} and {@code /custom}, each socket is sent {@code auth} with its handshake auth;
 * {@code message} is echoed as {@code message-back}; {@code message-with-ack} is acknowledged with its arguments.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
public class ConformanceConfiguration {

	@Bean
	EngineIoServer engineIoEchoEndpoint(EngineIoOptions socketIoEngineOptions) {
		return new EngineIoServer(socketIoEngineOptions.toBuilder().path("/engine.io/").build(),
				(session, message) -> session.send(message.binary() ? EnginePacket.binary(message.data())
						: EnginePacket.text(message.text())));
	}

	@Bean
	SocketIOServerCustomizer socketIoSuiteHandlers() {
		return (server) -> {
			handle(server.of("/"));
			handle(server.of("/custom"));
		};
	}

	private static void handle(Namespace namespace) {
		namespace.onConnection((socket) -> {
			socket.emit("auth", socket.handshake().auth());
			socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
			socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
		});
	}

}
