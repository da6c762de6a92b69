package io.github.springsocketio.annotation;

import java.util.List;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * The application declares Socket.IO handlers that cannot work: thrown at start-up, listing every problem found with
 * the method concerned and what to change.
 *
 * <pre>{@code
 * Two handlers for event 'chat message' in namespace '/': ChatHandlers.onMessage(ChatMessage) and
 * LegacyHandlers.onChat(String). Keep one, or give one another namespace with @SocketIOEvent(namespace = ...).
 * }</pre>
 */
public class HandlerDefinitionException extends BeanInitializationException {

	private final List<String> problems;

	/**
	 * @param problems what is wrong, one sentence or two each, naming the method and the fix
	 */
	public HandlerDefinitionException(List<String> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems found, one per entry.
	 * <pre>{@code
	 * catch (HandlerDefinitionException ex) {
	 *     ex.getProblems().forEach(System.err::println);
	 * }
	 * }</pre>
	 * @return the problems, each naming the method and the fix
	 */
	public List<String> getProblems() {
		return this.problems;
	}

	private static String message(List<String> problems) {
		StringBuilder message = new StringBuilder("Invalid Socket.IO handler")
			.append((problems.size() == 1) ? "" : "s")
			.append(':');
		for (String problem : problems) {
			message.append(System.lineSeparator()).append(" - ").append(problem);
		}
		return message.toString();
	}

}
