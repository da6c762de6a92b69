package io.github.springsocketio.sample.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The chat's sign-in: Spring Security's form login against three demo users. The page and the Actuator endpoints
 * stay public; what is private is the {@code /chat} namespace, which admits only signed-in sockets
 * ({@code socketio.security.namespaces.chat} in {@code application.yml}): the starter reads the login session from
 * the socket's handshake.
 *
 * <p>Only for the chat: the {@code interop} and {@code conformance} profiles have no Spring Security at all, as
 * their clients connect anonymously.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Profile("!interop & !conformance")
class ChatSecurityConfiguration {

	@Bean
	SecurityWebFilterChain chatPages(ServerHttpSecurity http) {
		// The page is static and holds nothing private; it signs in through /login when the socket is refused.
		// Actuator stays reachable for Prometheus and the health probes, as before the chat had a sign-in.
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.formLogin(Customizer.withDefaults())
			.logout(Customizer.withDefaults())
			.build();
	}

	/**
	 * Demo users only (alice, bob and carol, each with the password {@code <name>-demo}), held in memory: a real
	 * application reads its users from its own store or signs them in with OAuth2.
	 */
	@Bean
	MapReactiveUserDetailsService chatUsers() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new MapReactiveUserDetailsService(user("alice", encoder), user("bob", encoder), user("carol", encoder));
	}

	private static UserDetails user(String name, PasswordEncoder encoder) {
		return User.withUsername(name).password(encoder.encode(name + "-demo")).roles("USER").build();
	}

}
