package io.github.springsocketio.security;

import io.github.springsocketio.annotation.SocketIOArgumentResolver;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.util.StringUtils;

/**
 * Gives a handler's {@link AuthenticationPrincipal @AuthenticationPrincipal} parameter the principal of the socket's
 * {@link Authentication}: the {@code Jwt} of a resource server, the {@link UserDetails} of a login. {@code null}
 * when the socket is anonymous or the principal is not of the parameter's type, unless the annotation asks for an
 * error then. SpEL expressions are not supported.
 */
public final class AuthenticationPrincipalArgumentResolver implements SocketIOArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		AuthenticationPrincipal annotation = annotation(parameter);
		if (annotation == null) {
			return false;
		}
		if (StringUtils.hasText(annotation.expression())) {
			throw new IllegalStateException("@AuthenticationPrincipal(expression = ...) is not supported on Socket.IO "
					+ "handler parameter '" + parameter.getParameterName() + "' of " + parameter.getMethod()
					+ ". Take the principal and read it in the method.");
		}
		return true;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, SocketIOSocket socket) {
		Object principal = socket.principal()
			.filter(Authentication.class::isInstance)
			.map((authentication) -> ((Authentication) authentication).getPrincipal())
			.orElse(null);
		if (principal == null || parameter.getParameterType().isInstance(principal)) {
			return principal;
		}
		AuthenticationPrincipal annotation = annotation(parameter);
		if (annotation != null && annotation.errorOnInvalidType()) {
			throw new ClassCastException(principal + " is not assignable to " + parameter.getParameterType());
		}
		return null;
	}

	private static @Nullable AuthenticationPrincipal annotation(MethodParameter parameter) {
		return AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(), AuthenticationPrincipal.class);
	}

}
