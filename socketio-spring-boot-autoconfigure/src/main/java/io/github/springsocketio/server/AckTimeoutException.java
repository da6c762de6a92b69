package io.github.springsocketio.server;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Not every expected acknowledgement arrived in time. For a broadcast, {@link #responses()} holds those that did.
 */
public class AckTimeoutException extends RuntimeException {

	private final List<JsonNode> responses;

	public AckTimeoutException(String message) {
		this(message, List.of());
	}

	public AckTimeoutException(String message, List<JsonNode> responses) {
		super(message, null, false, false);
		this.responses = List.copyOf(responses);
	}

	/** @return the acknowledgements received before the timeout */
	public List<JsonNode> responses() {
		return this.responses;
	}

}
