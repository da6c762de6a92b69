package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Collects the acknowledgements of a broadcast from every client on every node. Complete when every node has
 * reported how many clients it sent to and that many answers arrived; at the deadline, fails with the answers so far
 * and what is missing.
 */
final class AckAggregator {

	private final CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();

	private final List<JsonNode> responses = new ArrayList<>();

	private final Disposable timer;

	private int expectedServers = -1;

	private int reportedServers;

	private int expectedClients;

	AckAggregator(Duration timeout) {
		this.timer = Schedulers.parallel().schedule(this::onTimeout, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	synchronized void onServerCount(int servers) {
		this.expectedServers = Math.max(servers, 1);
		check();
	}

	synchronized void onClientCount(int clients) {
		this.reportedServers++;
		this.expectedClients += clients;
		check();
	}

	synchronized void onAck(JsonNode response) {
		this.responses.add(response);
		check();
	}

	private void check() {
		if (this.expectedServers >= 0 && this.reportedServers >= this.expectedServers
				&& this.responses.size() >= this.expectedClients && !this.result.isDone()) {
			this.timer.dispose();
			this.result.complete(List.copyOf(this.responses));
		}
	}

	private synchronized void onTimeout() {
		if (this.result.isDone()) {
			return;
		}
		StringBuilder message = new StringBuilder("operation has timed out: ");
		message.append(Math.max(this.expectedClients - this.responses.size(), 0))
			.append(" of ")
			.append(this.expectedClients)
			.append(" acknowledgements missing");
		if (this.expectedServers < 0 || this.reportedServers < this.expectedServers) {
			message.append(", ")
				.append((this.expectedServers < 0) ? "server count unknown"
						: (this.expectedServers - this.reportedServers) + " of " + this.expectedServers
								+ " servers did not report");
		}
		this.result.completeExceptionally(new AckTimeoutException(message.toString(), this.responses));
	}

	Mono<List<JsonNode>> result() {
		return Mono.fromFuture(this.result, true);
	}

}
