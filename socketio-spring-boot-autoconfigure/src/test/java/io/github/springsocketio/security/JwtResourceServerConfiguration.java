package io.github.springsocketio.security;

import com.nimbusds.jose.JOSEException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A JWT resource server as an application configures it, for the tests' applications: every exchange
 * authenticated, tokens verified with {@link JwtSocketAuthenticationTests#KEY} unless the application declares its
 * own decoder.
 */
@Configuration(proxyBeanMethods = false)
class JwtResourceServerConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}))
			.build();
	}

	/** @return a decoder of tokens signed with the test key */
	static ReactiveJwtDecoder decoder() {
		try {
			return NimbusReactiveJwtDecoder.withPublicKey(JwtSocketAuthenticationTests.KEY.toRSAPublicKey()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
