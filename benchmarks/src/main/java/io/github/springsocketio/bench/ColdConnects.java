package io.github.springsocketio.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.WsClient;
import org.HdrHistogram.Histogram;

/**
 * The {@code connect-cold} scenario: WebSocket connects to a server that has just started and served nothing but
 * the one handshake that showed it ready, so that what is measured includes the JIT compiling (or V8 optimising)
 * the connect path, as after a deployment. The caller starts a fresh server for each measurement.
 */
final class ColdConnects {

	private static final String HOST = "127.0.0.1";

	private final Scenarios scenarios;

	private final long selfPid = ProcessHandle.current().pid();

	ColdConnects(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	/**
	 * Opens {@code count} clients (fewer if the open-file limits are lower), at most {@code inFlight} handshakes at
	 * a time ({@code inFlight >= count}: all at once), from as many source addresses as {@link HeldConnections}
	 * uses; reports connects/s, connect latency and the server's CPU, then closes them.
	 */
	Map<String, Object> connect(Server server, int count, int inFlight, Duration timeout) throws Exception {
		int clients = HeldConnections.clientsWithin(count, server.pid());
		List<String> sources = HeldConnections.sourceAddresses(clients);
		Fleet fleet = new Fleet(this.scenarios.net(), HOST, server.port(), clients, Math.min(inFlight, clients),
				new WsClient.Listener() {
				})
			.from(sources)
			.connectTimeout(timeout);
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), this.selfPid);
		Scenarios.await(fleet.open(), timeout.plusSeconds(60));
		double[] cores = cpu.stop();
		int connected = this.scenarios.onLoop(fleet::connected);
		double seconds = this.scenarios.onLoop(fleet::openNanos) / 1e9;
		Histogram latency = this.scenarios.onLoop(() -> fleet.connectLatency().copy());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("clients_wanted", count);
		result.put("clients", clients);
		result.put("in_flight", Math.min(inFlight, clients));
		result.put("source_addresses", sources.size());
		result.put("connected", connected);
		result.put("failed", this.scenarios.onLoop(fleet::failed));
		result.put("seconds", seconds);
		result.put("connects_per_s", connected / seconds);
		result.put("connect_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
		result.put("connect_p99_ms", latency.getValueAtPercentile(99) / 1000.0);
		result.put("connect_max_ms", latency.getMaxValue() / 1000.0);
		Scenarios.putCpu(result, cpu, cores, 1, connected);
		result.put("lost", this.scenarios.onLoop(fleet::lost));
		Scenarios.await(fleet.closeAll(), Duration.ofMinutes(2));
		return result;
	}

}
