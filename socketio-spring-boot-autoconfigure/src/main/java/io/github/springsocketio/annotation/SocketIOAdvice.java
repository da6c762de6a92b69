package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * A bean whose {@link SocketIOExceptionHandler} methods apply to the handlers of every bean, like Spring MVC's
 * {@code @ControllerAdvice}. Several advice beans are tried in their {@code @Order}; a handler bean's own exception
 * handlers come first.
 *
 * <pre>{@code
 * @SocketIOAdvice
 * class SocketIOErrors {
 *
 *     @SocketIOExceptionHandler
 *     EventError notFound(NoSuchElementException ex) {
 *         return new EventError("NOT_FOUND", ex.getMessage(), null);
 *     }
 *
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIOAdvice {

}
