package io.github.springsocketio.annotation;

import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * Gives handler parameters that the annotated handlers do not know their values, from the socket the handler runs
 * for; asked before the built-in parameter kinds. Spring Boot's auto-configuration hands the beans of this type to
 * the {@link SocketIOHandlerMethodProcessor}.
 *
 * <pre>{@code
 * @Bean
 * SocketIOArgumentResolver tenantResolver() {
 *     return new SocketIOArgumentResolver() {
 *         public boolean supportsParameter(MethodParameter parameter) {
 *             return parameter.getParameterType() == Tenant.class;
 *         }
 *         public Object resolveArgument(MethodParameter parameter, SocketIOSocket socket) {
 *             return (Tenant) socket.data().get("tenant");
 *         }
 *     };
 * }
 * }</pre>
 */
public interface SocketIOArgumentResolver {

	/**
	 * Asked once per parameter, at start-up.
	 * @param parameter a handler method's parameter
	 * @return whether this resolver gives its values
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * Asked on each call of the handler, on the thread that runs it.
	 * @param parameter the parameter
	 * @param socket the socket the handler runs for
	 * @return the value, possibly {@code null}
	 */
	@Nullable Object resolveArgument(MethodParameter parameter, SocketIOSocket socket);

}
