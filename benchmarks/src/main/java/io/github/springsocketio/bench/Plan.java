package io.github.springsocketio.bench;

import java.time.Duration;

/** The sizes of one pass. */
record Plan(String name, int warmupConnections, Duration warmupEcho, int smallConnect, int largeConnect,
		int connectInFlight, int echoClients, int payloadBytes, Duration echoWarmup, Duration echoMeasure,
		int fanOutClients, int fanOutMessages, int pollingClients, Duration pollingWarmup,
		Duration pollingMeasure, int clusterClients, int clusterMessages, Duration roundTimeout) {

	static Plan full() {
		return new Plan("full", 500, Duration.ofSeconds(3), 1_000, 10_000, 100, 100, 100, Duration.ofSeconds(5),
				Duration.ofSeconds(10), 1_000, 10_000, 200, Duration.ofSeconds(3), Duration.ofSeconds(10), 200,
				5_000, Duration.ofSeconds(180));
	}

	/** The same sizes with another number of warm-up connections, which both servers get. */
	Plan withWarmupConnections(int connections) {
		return new Plan(this.name, connections, this.warmupEcho, this.smallConnect, this.largeConnect,
				this.connectInFlight, this.echoClients, this.payloadBytes, this.echoWarmup, this.echoMeasure,
				this.fanOutClients, this.fanOutMessages, this.pollingClients, this.pollingWarmup,
				this.pollingMeasure, this.clusterClients, this.clusterMessages, this.roundTimeout);
	}

	static Plan smoke() {
		return new Plan("smoke", 20, Duration.ofMillis(500), 50, 200, 50, 10, 100, Duration.ofMillis(500),
				Duration.ofSeconds(1), 50, 200, 10, Duration.ofMillis(500), Duration.ofSeconds(1), 20, 100,
				Duration.ofSeconds(30));
	}

}
