package io.github.springsocketio.sample.chat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.RemoteSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Who is signed in to the chat, on every node: each user once, however many tabs they have open. Tells every
 * socket of the chat ({@code online}, a sorted list of names) whenever someone comes or goes.
 */
@Component
@Profile("!interop & !conformance")
class OnlineUsers implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(OnlineUsers.class);

	private final Sinks.Many<Namespace> changes = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable announcements;

	OnlineUsers() {
		// One announcement at a time, each looked up after the one before was sent, so the last one sent is never
		// older than another; changes that come meanwhile make one announcement together.
		this.announcements = this.changes.asFlux().onBackpressureLatest().concatMap(OnlineUsers::announce, 0).subscribe();
	}

	/** Someone came or went: everyone in the chat will be told who is online now. */
	void changed(Namespace chat) {
		this.changes.emitNext(chat, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	/**
	 * Whether the user has a socket in the chat, on any node: their user room is not empty. Work starts on
	 * subscription.
	 */
	static Mono<Boolean> isOnline(Namespace chat, String user) {
		return chat.toUser(user).fetchSockets().map((sockets) -> !sockets.isEmpty());
	}

	/** The distinct names of sockets, sorted: a user with three tabs is there once. */
	static List<String> names(List<RemoteSocket> sockets) {
		return sockets.stream()
			.map((socket) -> (String) socket.data().get("name"))
			.filter(Objects::nonNull)
			.distinct()
			.sorted(String.CASE_INSENSITIVE_ORDER)
			.toList();
	}

	private static Mono<Void> announce(Namespace chat) {
		return chat.fetchSockets()
			.doOnNext((sockets) -> chat.emit("online", names(sockets)))
			.onErrorResume((ex) -> {
				// a node out of reach, say: the next change announces again
				logger.warn("Could not tell the chat who is online: " + ex);
				return Mono.empty();
			})
			.then();
	}

	@Override
	public void close() {
		this.announcements.dispose();
	}

}
