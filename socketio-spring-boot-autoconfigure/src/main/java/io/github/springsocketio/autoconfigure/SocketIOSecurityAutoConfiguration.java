package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springsocketio.annotation.SocketIOArgumentResolver;
import io.github.springsocketio.annotation.SocketIOHandlerContext;
import io.github.springsocketio.security.AccessDeniedAdvice;
import io.github.springsocketio.security.AuthenticationPrincipalArgumentResolver;
import io.github.springsocketio.security.BearerTokenCredentials;
import io.github.springsocketio.security.CredentialsExpiry;
import io.github.springsocketio.security.NamespaceAccessRule;
import io.github.springsocketio.security.NamespaceAccessRules;
import io.github.springsocketio.security.SecurityHandlerContext;
import io.github.springsocketio.security.SecuritySocketAuthenticator;
import io.github.springsocketio.security.SessionCredentials;
import io.github.springsocketio.security.SocketCredentials;
import io.github.springsocketio.server.SocketAuthenticator;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Sockets authenticated by the application's Spring Security, when it uses WebFlux security (a
 * {@link WebFilterChainProxy}, as {@code @EnableWebFluxSecurity} and Spring Boot's security auto-configuration
 * make): bearer tokens through its JWT decoder or authentication manager, else its login session, checked against
 * the {@code socketio.security.*} rules, disconnected once their credentials end; handlers run with the socket's
 * authentication as their security context. A {@link SocketAuthenticator} bean of the application's own replaces the
 * authentication.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration" })
@ConditionalOnClass({ ReactiveAuthenticationManager.class, WebFilterChainProxy.class })
@ConditionalOnBean(WebFilterChainProxy.class)
@ConditionalOnBooleanProperty(name = "socketio.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIOSecurityProperties.class)
public final class SocketIOSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NamespaceAccessRules socketIoNamespaceAccessRules(SocketIOSecurityProperties properties) {
		NamespaceAccessRule defaultRule = new NamespaceAccessRule(properties.isAllowAnonymous(),
				properties.getAuthorities());
		Map<String, NamespaceAccessRule> namespaces = new LinkedHashMap<>();
		properties.getNamespaces()
			.forEach((name, rule) -> namespaces.put(name,
					new NamespaceAccessRule(
							(rule.getAllowAnonymous() != null) ? rule.getAllowAnonymous() : defaultRule.allowAnonymous(),
							(rule.getAuthorities() != null) ? rule.getAuthorities() : defaultRule.authorities())));
		return new NamespaceAccessRules(defaultRule, namespaces);
	}

	@Bean
	@ConditionalOnMissingBean(SocketAuthenticator.class)
	SecuritySocketAuthenticator socketIoAuthenticator(ObjectProvider<SocketCredentials> credentials,
			NamespaceAccessRules rules, SocketIOSecurityProperties properties) {
		Duration recheck = properties.getSession().getRecheckInterval();
		if (recheck == null || recheck.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("socketio.security.session.recheck-interval",
					recheck, "The duration cannot be negative; use 0 not to check again.");
		}
		CredentialsExpiry expiry = properties.getExpiry().isEnabled() ? new CredentialsExpiry(recheck)
				: CredentialsExpiry.NEVER;
		return new SecuritySocketAuthenticator(credentials.orderedStream().toList(), rules, expiry);
	}

	@Bean
	@ConditionalOnClass(SocketIOArgumentResolver.class)
	AuthenticationPrincipalArgumentResolver socketIoAuthenticationPrincipalResolver() {
		return new AuthenticationPrincipalArgumentResolver();
	}

	/** The socket's authentication where method security looks for it while a handler runs. */
	@Bean
	@ConditionalOnClass(SocketIOHandlerContext.class)
	SecurityHandlerContext socketIoSecurityHandlerContext(ObjectProvider<SecurityContextHolderStrategy> strategy) {
		return new SecurityHandlerContext(strategy.getIfUnique(SecurityContextHolder::getContextHolderStrategy));
	}

	/** Calls that method security denies answered {@code FORBIDDEN}. */
	@Bean
	@ConditionalOnClass(SocketIOHandlerContext.class)
	AccessDeniedAdvice socketIoAccessDeniedAdvice() {
		return new AccessDeniedAdvice();
	}

	/** Bearer tokens verified by the application's JWT decoder, else by its authentication manager. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ BearerTokenAuthenticationToken.class, ReactiveJwtDecoder.class })
	static class JwtBearerTokenConfiguration {

		@Bean
		@Order(0)
		BearerTokenCredentials socketIoBearerTokenCredentials(ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
				ObjectProvider<ReactiveJwtAuthenticationConverter> jwtConverter,
				ObjectProvider<ReactiveAuthenticationManager> manager) {
			ReactiveJwtDecoder decoder = jwtDecoder.getIfUnique();
			if (decoder == null) {
				return new BearerTokenCredentials(manager.getIfUnique(SocketIOSecurityAutoConfiguration::noTokens));
			}
			JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(decoder);
			jwtConverter.ifUnique(jwt::setJwtAuthenticationConverter);
			return new BearerTokenCredentials(jwt);
		}

	}

	/** Bearer tokens verified by the application's authentication manager (opaque tokens, say). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(BearerTokenAuthenticationToken.class)
	@ConditionalOnMissingClass("org.springframework.security.oauth2.jwt.ReactiveJwtDecoder")
	static class BearerTokenConfiguration {

		@Bean
		@Order(0)
		BearerTokenCredentials socketIoBearerTokenCredentials(ObjectProvider<ReactiveAuthenticationManager> manager) {
			return new BearerTokenCredentials(manager.getIfUnique(SocketIOSecurityAutoConfiguration::noTokens));
		}

	}

	/** A token offered to an application that verifies none is refused, not ignored. */
	private static ReactiveAuthenticationManager noTokens() {
		return (authentication) -> Mono
			.error(new BadCredentialsException("This application verifies no bearer tokens"));
	}

	/** The login session of a form or OAuth2 login. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "socketio.security.session.enabled", matchIfMissing = true)
	static class SessionConfiguration {

		@Bean
		@Order(10)
		SessionCredentials socketIoSessionCredentials(ObjectProvider<WebSessionManager> sessionManager,
				ObjectProvider<ServerSecurityContextRepository> contextRepository) {
			return new SessionCredentials(sessionManager.getIfAvailable(DefaultWebSessionManager::new),
					contextRepository.getIfUnique(WebSessionServerSecurityContextRepository::new));
		}

	}

}
