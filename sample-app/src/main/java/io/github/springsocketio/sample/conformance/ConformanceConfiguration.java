package io.github.springsocketio.sample.conformance;

import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EnginePacket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The server setup of the official Engine.IO protocol suite: a raw Engine.IO endpoint at {@code /engine.io/} that
 * sends every message back unchanged, text as text and binary as binary. Its timings come from
 * {@code application-conformance.yml}.
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

}
