package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter that receives the socket's handshake auth payload (what the client passed as
 * {@code io({ auth: ... })}), converted with the application's JSON mapper: the whole payload, or one of its
 * properties. Optional, as {@code @RequestHeader(required = false)} is: {@code null} when the client sent no auth,
 * or not that property; refuse such clients with a connection middleware when the auth is mandatory.
 *
 * <pre>{@code
 * @OnConnect
 * void welcome(SocketIOSocket socket, @Auth("name") String name, @Auth Credentials credentials) {
 *     socket.data().put("name", Objects.requireNonNullElse(name, "anonymous"));   // data() holds no nulls
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Auth {

	/**
	 * The property of the auth payload; empty for the whole payload.
	 * @return the property name
	 */
	String value() default "";

}
