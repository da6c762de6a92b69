package io.github.springsocketio.security;

import io.github.springsocketio.annotation.EventError;
import io.github.springsocketio.annotation.EventName;
import io.github.springsocketio.annotation.SocketIOAdvice;
import io.github.springsocketio.annotation.SocketIOExceptionHandler;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;

/**
 * Answers an event whose handler method security denied ({@code @PreAuthorize} that did not hold: an
 * {@link AccessDeniedException}, or its {@code AuthorizationDeniedException}) with the error acknowledgement
 * {@value EventError#FORBIDDEN}, logged at DEBUG only: a client asking for what it may not is no server fault. Last
 * of the advice beans, so that the application's own exception handlers for it come first.
 */
@SocketIOAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public final class AccessDeniedAdvice {

	private static final Log logger = LogFactory.getLog(AccessDeniedAdvice.class);

	@SocketIOExceptionHandler
	EventError forbidden(AccessDeniedException exception, SocketIOSocket socket, @EventName String event) {
		if (logger.isDebugEnabled()) {
			logger.debug("Socket " + socket.id() + " was denied '" + event + "': " + exception.getMessage());
		}
		return EventError.of(EventError.FORBIDDEN, "Access denied");
	}

}
