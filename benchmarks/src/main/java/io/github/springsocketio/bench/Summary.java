package io.github.springsocketio.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sums up the runs of a benchmark pass: for each figure of the table, the median of each server's runs with the
 * smallest and largest value, the ratio ours / Node and whether it meets its target; and prints it as a table.
 */
final class Summary {

	/** One figure of the table. */
	private record Metric(String scenario, String key, String label, boolean higherIsBetter, Double target,
			String targetText) {
	}

	static final List<Metric> METRICS = List.of(
			new Metric("connect_small", "connects_per_s", "connect (small): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_large", "connects_per_s", "connect (large): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_large", "rss_per_connection_bytes", "idle WebSocket: RSS bytes/connection", false, 1.0,
					"<= 1x"),
			new Metric("connect_large", "heap_per_connection_bytes", "idle WebSocket: heap bytes/connection after GC",
					false, null, "documented"),
			new Metric("echo", "acks_per_s", "echo: acks/s", true, 2.0, ">= 2x"),
			new Metric("echo", "p50", "echo: latency p50 (us)", false, null, ""),
			new Metric("echo", "p99", "echo: latency p99 (us)", false, 1.0, "<= 1x"),
			new Metric("echo", "p99_9", "echo: latency p99.9 (us)", false, null, ""),
			new Metric("upgrade", "acks_per_s", "upgrade (polling, then WebSocket) echo: acks/s", true, 2.0, ">= 2x"),
			new Metric("upgrade", "p50", "upgrade echo: latency p50 (us)", false, null, ""),
			new Metric("upgrade", "p99", "upgrade echo: latency p99 (us)", false, 1.0, "<= 1x"),
			new Metric("rooms", "acks_per_s", "rooms: joins and leaves/s", true, null, ""),
			new Metric("rooms", "p99", "rooms: latency p99 (us)", false, null, ""),
			new Metric("fanout", "delivered_per_s", "fan-out: delivered msgs/s", true, 3.0, ">= 3x"),
			new Metric("fanout", "seconds_to_last", "fan-out: seconds until the last client has all", false, null, ""),
			new Metric("fanout", "p50", "fan-out: emit-to-receive p50 (ms)", false, null, ""),
			new Metric("fanout", "p99", "fan-out: emit-to-receive p99 (ms)", false, null, ""),
			new Metric("cluster", "delivered_per_s", "cluster: delivered msgs/s (all nodes)", true, 1.0, ">= 1x"),
			new Metric("cluster", "p50", "cluster: end-to-end p50 (ms)", false, null, ""),
			new Metric("cluster", "p99", "cluster: end-to-end p99 (ms)", false, 1.0, "<= 1x"),
			new Metric("cluster", "remote_p99", "cluster: end-to-end p99, other nodes' clients (ms)", false, null, ""),
			new Metric("cluster_fixed", "p50", "cluster fixed rate: end-to-end p50 (us)", false, null, ""),
			new Metric("cluster_fixed", "p99", "cluster fixed rate: end-to-end p99 (us)", false, 1.0, "<= 1x"),
			new Metric("cluster_fixed", "p99_9", "cluster fixed rate: end-to-end p99.9 (us)", false, null, ""),
			new Metric("cluster_fixed", "server_cpu", "CPU cluster fixed rate: all nodes' cores", false, null, ""),
			new Metric("cluster_rooms_static", "read_bytes_per_broadcast",
					"room-local, static: bytes read from Redis per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_dynamic", "read_bytes_per_broadcast",
					"room-local, dynamic: bytes read from Redis per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_static", "messages_received_per_broadcast",
					"room-local, static: other nodes' broadcasts handled per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_dynamic", "messages_received_per_broadcast",
					"room-local, dynamic: other nodes' broadcasts handled per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_static", "server_cpu", "CPU room-local, static: all nodes' cores", false, null,
					""),
			new Metric("cluster_rooms_dynamic", "server_cpu", "CPU room-local, dynamic: all nodes' cores", false, null,
					""),
			new Metric("polling", "acks_per_s", "polling: acks/s", true, 1.0, ">= 1x"),
			new Metric("polling", "p99", "polling: latency p99 (us)", false, null, ""),
			new Metric("echo-large", "acks_per_s", "echo 2 KB, no compression: acks/s", true, null, ""),
			new Metric("echo-large", "p99", "echo 2 KB, no compression: latency p99 (us)", false, null, ""),
			new Metric("echo-deflate", "acks_per_s", "echo 2 KB, permessage-deflate: acks/s", true, null, ""),
			new Metric("echo-deflate", "p99", "echo 2 KB, permessage-deflate: latency p99 (us)", false, null, ""),
			new Metric("polling-large", "acks_per_s", "polling 2 KB, no compression: acks/s", true, null, ""),
			new Metric("polling-large", "p99", "polling 2 KB, no compression: latency p99 (us)", false, null, ""),
			new Metric("polling-gzip", "acks_per_s", "polling 2 KB, gzip: acks/s", true, null, ""),
			new Metric("polling-gzip", "p99", "polling 2 KB, gzip: latency p99 (us)", false, null, ""),
			new Metric("connect_large", "server_cpu_us_per_op", "server CPU us per connect (large)", false, null, ""),
			new Metric("echo", "server_cpu_us_per_op", "server CPU us per echo ack", false, null, ""),
			new Metric("upgrade", "server_cpu_us_per_op", "server CPU us per upgrade echo ack", false, null, ""),
			new Metric("rooms", "server_cpu_us_per_op", "server CPU us per join or leave", false, null, ""),
			new Metric("fanout", "server_cpu_us_per_op", "server CPU us per fan-out delivery", false, null, ""),
			new Metric("cluster", "server_cpu_us_per_op", "server CPU us per cluster delivery (all nodes)", false,
					null, ""),
			new Metric("polling", "server_cpu_us_per_op", "server CPU us per polling ack", false, null, ""),
			new Metric("echo-large", "server_cpu_us_per_op", "server CPU us per 2 KB echo ack, no compression",
					false, null, ""),
			new Metric("echo-deflate", "server_cpu_us_per_op", "server CPU us per 2 KB echo ack, permessage-deflate",
					false, null, ""),
			new Metric("polling-large", "server_cpu_us_per_op", "server CPU us per 2 KB polling ack, no compression",
					false, null, ""),
			new Metric("polling-gzip", "server_cpu_us_per_op", "server CPU us per 2 KB polling ack, gzip", false,
					null, ""),
			new Metric("connect_large", "server_cpu", "CPU connect (large): server cores", false, null, ""),
			new Metric("connect_large", "loadgen_cpu", "CPU connect (large): load generator cores", false, null, ""),
			new Metric("echo", "server_cpu", "CPU echo: server cores", false, null, ""),
			new Metric("echo", "loadgen_cpu", "CPU echo: load generator cores", false, null, ""),
			new Metric("fanout", "server_cpu", "CPU fan-out: server cores", false, null, ""),
			new Metric("fanout", "loadgen_cpu", "CPU fan-out: load generator cores", false, null, ""),
			new Metric("cluster", "server_cpu", "CPU cluster: all nodes' cores", false, null, ""),
			new Metric("cluster", "loadgen_cpu", "CPU cluster: load generator cores", false, null, ""),
			new Metric("polling", "server_cpu", "CPU polling: server cores", false, null, ""),
			new Metric("polling", "loadgen_cpu", "CPU polling: load generator cores", false, null, ""),
			new Metric("echo", "server_waited_for_cpu", "echo: server waited for a CPU (share of time)", false, null,
					""),
			new Metric("fanout", "server_waited_for_cpu", "fan-out: server waited for a CPU (share of time)", false,
					null, ""),
			new Metric("polling", "server_waited_for_cpu", "polling: server waited for a CPU (share of time)", false,
					null, ""),
			new Metric("fanout-rate", "delivered_per_s", "fan-out, fixed rate: delivered msgs/s", true, null, ""),
			new Metric("fanout-rate", "p50", "fan-out, fixed rate: emit-to-receive p50 (us)", false, null, ""),
			new Metric("fanout-rate", "p99", "fan-out, fixed rate: emit-to-receive p99 (us)", false, 1.0, "<= 1x"),
			new Metric("fanout-rate", "p99_9", "fan-out, fixed rate: emit-to-receive p99.9 (us)", false, null, ""),
			new Metric("fanout-rate", "server_cpu", "fan-out, fixed rate: server cores", false, null, ""),
			new Metric("chat", "delivered_per_s", "chat: delivered msgs/s", true, null, ""),
			new Metric("chat", "p50", "chat: emit-to-receive p50 (us)", false, null, ""),
			new Metric("chat", "p99", "chat: emit-to-receive p99 (us)", false, 1.0, "<= 1x"),
			new Metric("chat", "p99_9", "chat: emit-to-receive p99.9 (us)", false, null, ""),
			new Metric("chat", "server_cpu_us_per_op", "chat: server CPU us per delivery", false, null, ""),
			new Metric("connect_cold", "connects_per_s", "connect (cold server): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_cold", "connect_p99_ms", "connect (cold server): p99 (ms)", false, null, ""),
			new Metric("connect_cold_burst", "connects_per_s", "connect (cold, all at once): connects/s", true, 1.0,
					">= 1x"),
			new Metric("connect_cold_burst", "failed", "connect (cold, all at once): failed", false, null, ""),
			new Metric("connect_cold_burst", "connect_p99_ms", "connect (cold, all at once): p99 (ms)", false, null,
					""),
			new Metric("held", "held", "held connections: held", true, null, ""),
			new Metric("held", "dropped", "held connections: dropped", false, null, ""),
			new Metric("held", "rss_per_connection_bytes", "held connections: RSS bytes/connection", false, 0.5,
					"<= 0.5x"),
			new Metric("held", "heap_per_connection_bytes", "held connections: heap bytes/connection after GC", false,
					null, ""),
			new Metric("held", "server_cpu", "held connections: heartbeats' server cores", false, null, ""));

	/**
	 * @param records every run's results, as the runner recorded them
	 * @param servers the servers that ran
	 * @return per figure of a scenario that ran: each server's median, smallest and largest value, the ratio and the target's status
	 */
	static Map<String, Object> of(List<Map<String, Object>> records, List<String> servers) {
		Map<String, Object> summary = new LinkedHashMap<>();
		for (Metric metric : METRICS) {
			if (records.stream().noneMatch((entry) -> entry.get("scenario").equals(metric.scenario()))) {
				continue; // not run in this pass
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("label", metric.label());
			row.put("higher_is_better", metric.higherIsBetter());
			Map<String, Double> medians = new LinkedHashMap<>();
			for (String kind : servers) {
				List<Double> values = new ArrayList<>();
				String unavailable = null;
				for (Map<String, Object> entry : records) {
					if (entry.get("server").equals(kind) && entry.get("scenario").equals(metric.scenario())) {
						@SuppressWarnings("unchecked")
						Map<String, Object> result = (Map<String, Object>) entry.get("result");
						if (result.get(metric.key()) instanceof Number number) {
							values.add(number.doubleValue());
						}
						else if (Boolean.FALSE.equals(result.get("available"))) {
							unavailable = String.valueOf(result.get("reason"));
						}
					}
				}
				Map<String, Object> stats = new LinkedHashMap<>();
				if (values.isEmpty()) {
					stats.put("available", false);
					if (unavailable != null) {
						stats.put("reason", unavailable);
					}
				}
				else {
					List<Double> sorted = values.stream().sorted().toList();
					double median = median(sorted);
					medians.put(kind, median);
					stats.put("median", median);
					stats.put("min", sorted.get(0));
					stats.put("max", sorted.get(sorted.size() - 1));
					stats.put("values", values);
				}
				row.put(kind, stats);
			}
			Double ratio = (medians.containsKey("java") && medians.containsKey("node") && medians.get("node") != 0)
					? medians.get("java") / medians.get("node") : null;
			row.put("ratio_java_over_node", ratio);
			row.put("target", metric.targetText());
			if (metric.target() != null) {
				String status;
				if (ratio == null) {
					status = "n/a";
				}
				else if (metric.higherIsBetter()) {
					status = (ratio >= metric.target()) ? "met" : "MISSED";
				}
				else {
					status = (ratio <= metric.target()) ? "met" : "MISSED";
				}
				row.put("status", status);
			}
			summary.put(metric.scenario() + "." + metric.key(), row);
		}
		return summary;
	}

	private static double median(List<Double> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	@SuppressWarnings("unchecked")
	/** @return the summary as a Markdown table, the servers side by side */
	static String table(Map<String, Object> summary) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "metric", "java median [min..max]", "node median [min..max]", "java/node", "target",
				"status" });
		for (Object value : summary.values()) {
			Map<String, Object> row = (Map<String, Object>) value;
			List<String> cells = new ArrayList<>();
			cells.add((String) row.get("label"));
			for (String kind : List.of("java", "node")) {
				Map<String, Object> stats = (Map<String, Object>) row.get(kind);
				if (stats == null) {
					cells.add("-");
				}
				else if (Boolean.FALSE.equals(stats.get("available"))) {
					cells.add("not available");
				}
				else {
					cells.add(format((Double) stats.get("median")) + " [" + format((Double) stats.get("min")) + ".."
							+ format((Double) stats.get("max")) + "]");
				}
			}
			Double ratio = (Double) row.get("ratio_java_over_node");
			cells.add((ratio != null) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-");
			cells.add((String) row.get("target"));
			cells.add((String) row.getOrDefault("status", ""));
			rows.add(cells.toArray(new String[0]));
		}
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			out.append('|');
			for (int i = 0; i < row.length; i++) {
				out.append(' ').append(pad(row[i], widths[i], i > 0)).append(" |");
			}
			out.append('\n');
			if (r == 0) {
				out.append('|');
				for (int width : widths) {
					out.append('-').append("-".repeat(width)).append("-|");
				}
				out.append('\n');
			}
		}
		return out.toString();
	}

	private static String pad(String text, int width, boolean right) {
		String spaces = " ".repeat(width - text.length());
		return right ? spaces + text : text + spaces;
	}

	static String format(double value) {
		if (Math.abs(value) >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private Summary() {
	}

}
