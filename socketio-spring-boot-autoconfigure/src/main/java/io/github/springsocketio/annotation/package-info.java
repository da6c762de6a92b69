/**
 * Annotation-driven Socket.IO handlers: any Spring bean may declare {@link io.github.springsocketio.annotation.SocketIOEvent},
 * {@link io.github.springsocketio.annotation.OnConnect}, {@link io.github.springsocketio.annotation.OnDisconnect} and
 * {@link io.github.springsocketio.annotation.OnUnhandledEvent} methods, and
 * {@link io.github.springsocketio.annotation.SocketIOExceptionHandler} methods (in the same bean or in a
 * {@link io.github.springsocketio.annotation.SocketIOAdvice} bean) that turn exceptions into error acknowledgements.
 *
 * <pre>{@code
 * @Component
 * @SocketIONamespace("/chat")
 * class ChatHandlers {
 *
 *     @SocketIOEvent("chat message")
 *     Receipt onMessage(SocketIOSocket socket, @Valid ChatMessage message) {
 *         socket.to(message.room()).emit("chat message", message);
 *         return new Receipt(message.id(), Instant.now());
 *     }
 *
 * }
 * }</pre>
 *
 * <p>Methods are found, checked and bound once, when the application starts; a mistake (two handlers for one event,
 * an unsupported parameter, a reserved event name) stops the start with a message naming the method. Methods that
 * return {@code Mono} or {@code CompletionStage} run on the connection's event loop and must not block; the others
 * run on the handler executor, one at a time and in arrival order for each socket.
 */
@NullMarked
package io.github.springsocketio.annotation;

import org.jspecify.annotations.NullMarked;
