package io.github.springsocketio.server;

import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether a namespace that does not exist yet may be created when a client asks for it (a dynamic
 * namespace).
 *
 * <pre>{@code server.of((name, auth) -> name.startsWith("/tenant-")).onConnection(socket -> ...);}</pre>
 */
@FunctionalInterface
public interface NamespaceMatcher {

	/**
	 * @param name the namespace the client asked for
	 * @param auth the client's auth payload
	 * @return whether to create it
	 */
	boolean matches(String name, ObjectNode auth);

}
