package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.protocol.JsonLimits;
import io.github.springsocketio.server.SocketIOLimits;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the {@link SocketIOLimits} from {@code socketio.limits.*}, refusing impossible values with the property's
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
			.build();
	}

	private static int atLeastOne(String name, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value, "The limit must be at least 1.");
		}
		return value;
	}

}
