package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * The answer of an {@link AllowRequestHandler}.
 *
 * @param allowed whether the handshake may proceed
 * @param message the message sent with a refusal, {@code null} for the default {@code Forbidden}
 */
public record AllowRequestDecision(boolean allowed, @Nullable String message) {

	private static final AllowRequestDecision ALLOW = new AllowRequestDecision(true, null);

	/** @return a decision that lets the handshake proceed */
	public static AllowRequestDecision allow() {
		return ALLOW;
	}

	/** @return a refusal with the default message {@code Forbidden} */
	public static AllowRequestDecision deny() {
		return new AllowRequestDecision(false, null);
	}

	/**
	 * A refusal with its own message.
	 * @param message what the client is told
	 * @return the decision
	 */
	public static AllowRequestDecision deny(String message) {
		return new AllowRequestDecision(false, message);
	}

}
