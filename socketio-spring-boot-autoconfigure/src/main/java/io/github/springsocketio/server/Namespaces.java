package io.github.springsocketio.server;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespaces of one server by name, and the dynamic parents that create children for the names they accept:
 * finds the namespace a client asks for, and adds and removes dynamic children within their limits.
 */
final class Namespaces {

	private final SocketIOServer server;

	private final ConcurrentMap<String, Namespace> byName = new ConcurrentHashMap<>();

	private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();

	private final DynamicNamespaces dynamic;

	Namespaces(SocketIOServer server, SocketIOOptions options) {
		this.server = server;
		this.dynamic = new DynamicNamespaces(this, options);
	}

	/** @return the static namespace of that name (a leading {@code /} added if missing), created if needed */
	Namespace named(String name) {
		String normalized = name.startsWith("/") ? name : "/" + name;
		return this.byName.computeIfAbsent(normalized, (key) -> new Namespace(this.server, key, null));
	}

	ParentNamespace add(ParentNamespace parent) {
		this.parents.add(parent);
		return parent;
	}

	/** @return the namespaces that exist, dynamic children included, a snapshot */
	Collection<Namespace> all() {
		return List.copyOf(this.byName.values());
	}

	/**
	 * The namespace a client asks to join; a dynamic child is held for the client until it leaves or is refused.
	 * @return the namespace, or {@code null} when none exists, no matcher accepts the name, or the child would pass
	 * the limit on their number
	 */
	@Nullable Namespace resolve(String name, ObjectNode auth) {
		Namespace namespace = this.byName.get(name);
		if (namespace != null) {
			return (namespace.parent() != null) ? this.dynamic.enter(namespace.parent(), name) : namespace;
		}
		for (ParentNamespace parent : this.parents) {
			if (parent.matches(name, auth)) {
				return this.dynamic.enter(parent, name);
			}
		}
		return null;
	}

	SocketIOObserver observer() {
		return this.server.observer();
	}

	DynamicNamespaces dynamic() {
		return this.dynamic;
	}

	Namespace createChild(String name, ParentNamespace parent) {
		Namespace child = this.byName.computeIfAbsent(name, (key) -> new Namespace(this.server, key, parent));
		parent.adopt(child);
		return child;
	}

	void removeChild(Namespace child) {
		this.byName.remove(child.name(), child);
		if (child.parent() != null) {
			child.parent().release(child);
		}
	}

}
