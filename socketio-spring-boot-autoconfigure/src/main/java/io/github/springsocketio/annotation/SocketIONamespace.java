package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The namespaces a bean's handlers (or a {@link SocketIOConnectMiddleware} bean) serve: on the class, or on the
 * {@code @Bean} method that creates the bean. On a handler method it overrides the bean's for that method. Without
 * it, the main namespace {@code /}.
 *
 * <pre>{@code
 * @Component
 * @SocketIONamespace(value = "/admin", pattern = "^/tenant-\\w+$")
 * class AdminHandlers {
 *
 *     @SocketIOEvent("stats")
 *     Mono<Stats> stats(Namespace namespace) {
 *         return statsService.of(namespace.name());
 *     }
 *
 * }
 * }</pre>
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SocketIONamespace {

	/**
	 * Namespace names, such as {@code "/chat"}; a leading {@code /} is added if missing.
	 * @return the names
	 */
	String[] value() default {};

	/**
	 * Dynamic namespaces: regular expressions a requested name must match (as JavaScript's {@code RegExp.test}:
	 * anchor them with {@code ^...$} to match whole names). Each becomes one parent namespace, created on the first
	 * matching connection.
	 * @return the patterns
	 */
	String[] pattern() default {};

}
