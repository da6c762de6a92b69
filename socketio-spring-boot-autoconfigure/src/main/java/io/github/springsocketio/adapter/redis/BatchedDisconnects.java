package io.github.springsocketio.adapter.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Tells the cluster to disconnect sockets whose records were taken for recovery while their node still looked alive,
 * many sockets per message: one publish at a time, each carrying every socket asked for while the previous one was
 * under way. After a crash, until the dead node's liveness key expires, each of its clients coming back needs one;
 * thousands then cost a few stream entries, not one each.
 */
final class BatchedDisconnects {

	private final Function<Set<String>, Mono<Void>> publish;

	private Set<String> sockets = new LinkedHashSet<>();

	private List<MonoSink<Void>> waiting = new ArrayList<>();

	private boolean publishing;

	/**
	 * @param publish publishes {@code disconnectSockets} for sockets given by id (their own rooms)
	 */
	BatchedDisconnects(Function<Set<String>, Mono<Void>> publish) {
		this.publish = publish;
	}

	/**
	 * Disconnects a socket wherever it is. Work starts on subscription, or once the publish under way ended.
	 * @param socketId the socket
	 * @return completes once a message naming it was published, or fails as that publish did
	 */
	Mono<Void> disconnect(String socketId) {
		return Mono.create((sink) -> {
			synchronized (this) {
				this.sockets.add(socketId);
				this.waiting.add(sink);
				if (this.publishing) {
					return;
				}
				this.publishing = true;
			}
			publishWaiting();
		});
	}

	private void publishWaiting() {
		Set<String> batch;
		List<MonoSink<Void>> served;
		synchronized (this) {
			if (this.waiting.isEmpty()) {
				this.publishing = false;
				return;
			}
			batch = this.sockets;
			served = this.waiting;
			this.sockets = new LinkedHashSet<>();
			this.waiting = new ArrayList<>();
		}
		Mono.defer(() -> this.publish.apply(batch)).subscribe(null, (error) -> {
			served.forEach((sink) -> sink.error(error));
			publishWaiting();
		}, () -> {
			served.forEach(MonoSink::success);
			publishWaiting();
		});
	}

}
