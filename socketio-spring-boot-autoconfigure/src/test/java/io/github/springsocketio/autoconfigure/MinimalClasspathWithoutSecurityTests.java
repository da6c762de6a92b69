package io.github.springsocketio.autoconfigure;

import java.util.List;

import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter without Spring Security: it starts, sockets connect anonymously, and no security bean is made.
 */
class MinimalClasspathWithoutSecurityTests extends MinimalClasspathTests {

	@Override
	protected List<String> absentClasses() {
		return List.of("org.springframework.security.core.Authentication",
				"org.springframework.security.web.server.WebFilterChainProxy",
				"org.springframework.security.oauth2.jwt.ReactiveJwtDecoder");
	}

	@Test
	void socketsConnectAnonymously() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			Object[] answer = emitWithAck(context, "shout", (socket) -> {
			}, "hello");

			assertThat(answer).containsExactly(true);
			assertThat(context.getBean(SocketIOServer.class)).isNotNull();
			assertThat(context.getBeanNamesForType(SocketIOSecurityProperties.class)).isEmpty();
		}
	}

}
