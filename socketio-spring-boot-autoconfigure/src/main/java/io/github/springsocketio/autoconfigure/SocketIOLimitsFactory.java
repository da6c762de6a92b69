package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.engine.AddressLimits;
import io.github.springsocketio.protocol.JsonLimits;
import io.github.springsocketio.server.SocketIOLimits;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the {@link SocketIOLimits} and the {@link AddressLimits} from {@code socketio.limits.*}, refusing impossible values with the property's
 * name. The JSON document length follows {@code socketio.max-http-buffer-size} unless set, so that raising one raises
 * the other.
 */
final class SocketIOLimitsFactory {

	private static final String PREFIX = "socketio.limits.";

	private SocketIOLimitsFactory() {
	}

	static SocketIOLimits limits(SocketIOProperties properties) {
		SocketIOProperties.Limits limits = properties.getLimits();
		boolean ownLength = limits.getJsonDocumentLength() != null;
		long documentLength = EngineIoOptionsFactory.size(
				ownLength ? PREFIX + "json-document-length" : "socketio.max-http-buffer-size",
				ownLength ? limits.getJsonDocumentLength() : properties.getMaxHttpBufferSize(), Long.MAX_VALUE);
		int stringLength = (limits.getJsonStringLength() != null)
				? atLeastOne("json-string-length", limits.getJsonStringLength())
				: (int) Math.min(documentLength, Integer.MAX_VALUE);
		JsonLimits json = new JsonLimits(atLeastOne("json-nesting-depth", limits.getJsonNestingDepth()), documentLength,
				stringLength, atLeastOne("json-number-length", limits.getJsonNumberLength()));
		return SocketIOLimits.builder()
			.json(json)
			.namespacesPerConnection(atLeastOne("namespaces-per-connection", limits.getNamespacesPerConnection()))
			.dynamicNamespaces(atLeastOne("dynamic-namespaces", limits.getDynamicNamespaces()))
			.cleanupEmptyChildNamespaces(properties.isCleanupEmptyChildNamespaces())
			.namespaceNameLength(atLeastOne("namespace-name-length", limits.getNamespaceNameLength()))
			.eventNameLength(atLeastOne("event-name-length", limits.getEventNameLength()))
			.roomsPerSocket(atLeastOne("rooms-per-socket", limits.getRoomsPerSocket()))
			.roomNameLength(atLeastOne("room-name-length", limits.getRoomNameLength()))
			.eventsPerSecond(zeroOrMore("events-per-second", limits.getEventsPerSecond()))
			.eventBurst(atLeastOne("event-burst", limits.getEventBurst()))
			.eventRateAction(limits.getEventRateAction())
			.build();
	}

	/**
	 * Builds the limits on client addresses from {@code socketio.limits.*} and {@code socketio.trusted-proxies}.
	 * @param properties the properties
	 * @return the limits
	 */
	static AddressLimits addressLimits(SocketIOProperties properties) {
		SocketIOProperties.Limits limits = properties.getLimits();
		try {
			return AddressLimits.builder()
				.connectionsPerAddress(zeroOrMore("connections-per-address", limits.getConnectionsPerAddress()))
				.handshakesPerSecond(
						zeroOrMore("handshakes-per-second-per-address", limits.getHandshakesPerSecondPerAddress()))
				.handshakeBurst(atLeastOne("handshake-burst-per-address", limits.getHandshakeBurstPerAddress()))
				.trackedAddresses(atLeastOne("tracked-addresses", limits.getTrackedAddresses()))
				.trustedProxies(properties.getTrustedProxies())
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("socketio.trusted-proxies",
					properties.getTrustedProxies(), ex.getMessage() + ".");
		}
	}

	private static int zeroOrMore(String name, int value) {
		if (value < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value,
					"The limit must be positive, or 0 to turn it off.");
		}
		return value;
	}

	private static int atLeastOne(String name, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value, "The limit must be at least 1.");
		}
		return value;
	}

}
