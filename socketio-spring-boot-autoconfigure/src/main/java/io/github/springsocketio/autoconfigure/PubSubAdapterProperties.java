package io.github.springsocketio.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** The start-up checks both Redis PUB/SUB adapter types make of their properties. */
final class PubSubAdapterProperties {

	private PubSubAdapterProperties() {
	}

	/**
	 * Refuses connection state recovery at start-up: a PUB/SUB adapter (like Node's) keeps no session, and a client
	 * would silently never recover.
	 * @param properties the properties
	 * @param type the adapter type, as {@code socketio.adapter.type} spells it
	 */
	static void refuseRecovery(SocketIOProperties properties, String type) {
		if (properties.getConnectionStateRecovery().isEnabled()) {
			throw new InvalidConfigurationPropertyValueException("socketio.connection-state-recovery.enabled", true,
					"The " + type + " adapter (like Node's @socket.io/redis-adapter) does not support connection "
							+ "state recovery: set socketio.connection-state-recovery.enabled=false, or use "
							+ "socketio.adapter.type=redis-streams.");
		}
	}

	/**
	 * @param property the property's name
	 * @param value its value, the prefix of the channels shared with the Node.js nodes
	 * @param nodeOption the name of the Node.js adapter's option
	 * @return the value, when not empty
	 */
	static String prefix(String property, String value, String nodeOption) {
		if (value.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(property, "",
					"Use the " + nodeOption + " of the cluster's Node.js nodes, socket.io by default.");
		}
		return value;
	}

}
