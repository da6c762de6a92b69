package io.github.springsocketio.adapter;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One message between server nodes: {@code {uid, nsp, type, data}}.
 *
 * @param uid the sending adapter's id (16 hex characters, or {@code emitter})
 * @param nsp the namespace
 * @param type the message type
 * @param data the message data, {@code null} when the type carries none
 */
public record ClusterMessage(String uid, String nsp, ClusterMessageType type, @Nullable ObjectNode data) {

	public ClusterMessage {
		Objects.requireNonNull(uid, "uid");
		Objects.requireNonNull(nsp, "nsp");
		Objects.requireNonNull(type, "type");
	}

	/**
	 * @param name a property of the data
	 * @return its value, or {@code null}
	 */
	public @Nullable JsonNode get(String name) {
		return (this.data != null) ? this.data.get(name) : null;
	}

	/** @return the request id of a request or response, or {@code null} */
	public @Nullable String requestId() {
		JsonNode id = get("requestId");
		return (id != null && id.isString()) ? id.stringValue() : null;
	}

}
