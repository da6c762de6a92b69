package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that receives the name of the event being handled; mostly for
 * {@link OnUnhandledEvent} and {@link SocketIOExceptionHandler} methods.
 *
 * <pre>{@code
 * @OnUnhandledEvent
 * void unknown(@EventName String event, Arguments args) {
 *     log.debug("unknown event {} {}", event, args);
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventName {

}
