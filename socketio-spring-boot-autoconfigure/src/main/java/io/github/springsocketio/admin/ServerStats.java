package io.github.springsocketio.admin;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;

/**
 * The {@code server_stats} message of this node: its name, host, process, uptime, connection counts, the events
 * counted since the previous message and the sockets of each of its namespaces.
 */
final class ServerStats {

	private final SocketIOServer server;

	private final AggregatedEvents events;

	private final String serverId;

	private final String hostname = AdminUiOptions.hostname();

	private final long pid = ProcessHandle.current().pid();

	ServerStats(SocketIOServer server, AggregatedEvents events, String serverId) {
		this.server = server;
		this.events = events;
		this.serverId = serverId;
	}

	Map<String, Object> next() {
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("serverId", this.serverId);
		stats.put("hostname", this.hostname);
		stats.put("pid", this.pid);
		stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
		stats.put("clientsCount", this.server.engine().sessionCount());
		stats.put("pollingClientsCount", this.events.pollingClients());
		stats.put("aggregatedEvents", aggregatedEvents());
		List<Map<String, Object>> namespaces = new ArrayList<>();
		for (Namespace namespace : this.server.namespaces()) {
			namespaces.add(Map.of("name", namespace.name(), "socketsCount", namespace.sockets().size()));
		}
		stats.put("namespaces", namespaces);
		return stats;
	}

	private List<Map<String, Object>> aggregatedEvents() {
		List<Map<String, Object>> items = new ArrayList<>();
		for (AggregatedEvents.Item item : this.events.drain()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("timestamp", item.timestamp());
			described.put("type", item.type());
			if (item.subType() != null) {
				described.put("subType", item.subType());
			}
			described.put("count", item.count());
			items.add(described);
		}
		return items;
	}

}
