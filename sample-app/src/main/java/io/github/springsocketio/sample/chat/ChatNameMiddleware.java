package io.github.springsocketio.sample.chat;

import java.util.Map;
import java.util.regex.Pattern;

import io.github.springsocketio.annotation.SocketIOConnectMiddleware;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.SocketIOSocket;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Admits to the chat only clients that bring a usable name in their handshake auth: {@code io("/chat", { auth: {
 * name: "alice" } })}. Others get a {@code connect_error} saying why.
 */
@Component
@Profile("!interop & !conformance")
@SocketIONamespace("/chat")
class ChatNameMiddleware implements SocketIOConnectMiddleware {

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,24}");

	@Override
	public Mono<Void> apply(SocketIOSocket socket) {
		String name = socket.handshake().auth("name");
		if (name == null || name.isBlank() || !NAME.matcher(name.strip()).matches()) {
			return Mono.error(new ConnectionRefusedException("invalid name",
					Map.of("reason", "Pick a name of 1 to 24 letters, digits, spaces, '.', '_' or '-'.")));
		}
		return Mono.empty();
	}

}
