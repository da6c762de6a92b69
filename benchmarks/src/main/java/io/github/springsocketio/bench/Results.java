package io.github.springsocketio.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one benchmark invocation, an entry per server, run and scenario, in the order they were measured;
 * a scenario that fails is recorded with its error rather than stopping the others.
 */
final class Results {

	private final List<Map<String, Object>> entries = new ArrayList<>();

	/** A measurement that may fail. */
	interface Measurement {

		Map<String, Object> run() throws Exception;

	}

	/** Runs a measurement, logs and records what it gave (or its error), then lets the server settle for a second. */
	void measure(int run, String kind, String scenario, Measurement measurement) {
		Runner.log("run " + run + ", " + kind + ": " + scenario);
		Map<String, Object> result;
		try {
			result = measurement.run();
		}
		catch (Exception ex) {
			Runner.log("  failed: " + ex);
			result = Map.of("error", String.valueOf(ex));
		}
		Runner.log("  " + result);
		record(run, kind, scenario, result);
		try {
			// let the server settle (closed connections, GC) before the next scenario
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void record(int run, String kind, String scenario, Map<String, Object> result) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("run", run);
		entry.put("server", kind);
		entry.put("scenario", scenario);
		entry.put("load_average", ProcStats.loadAverage());
		entry.put("result", result);
		this.entries.add(entry);
	}

	/** @return the entries so far, live */
	List<Map<String, Object>> entries() {
		return this.entries;
	}

}
