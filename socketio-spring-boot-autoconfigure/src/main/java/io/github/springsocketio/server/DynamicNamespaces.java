package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Keeps the children of the dynamic namespaces of one server: creates them within the limit on their number and,
 * when cleanup is on, removes each once no client holds it, neither a socket in it nor a client being let in. With
 * connection state recovery on, an emptied child is kept for the recovery window, as its adapter may keep the
 * sessions of the sockets that left.
 */
final class DynamicNamespaces {

	private static final Log logger = LogFactory.getLog(DynamicNamespaces.class);

	private final Namespaces namespaces;

	private final int max;

	private final boolean cleanup;

	private final @Nullable Duration keepEmpty;

	private final Map<String, Child> children = new ConcurrentHashMap<>();

	DynamicNamespaces(Namespaces namespaces, SocketIOOptions options) {
		this.namespaces = namespaces;
		this.max = options.limits().dynamicNamespaces();
		this.cleanup = options.limits().cleanupEmptyChildNamespaces();
		this.keepEmpty = (options.recovery() != null) ? options.recovery().maxDisconnectionDuration() : null;
	}

	/**
	 * A client asks to join a child: it holds the child until it leaves it or is refused
	 * ({@link #leave(Namespace)}).
	 * @param parent the parent whose matcher accepted the name
	 * @param name the child's name
	 * @return the child, created if needed, or {@code null} when creating it would pass the limit
	 */
	@Nullable Namespace enter(ParentNamespace parent, String name) {
		return get(parent, name, true);
	}

	/**
	 * @param parent the parent
	 * @param name the child's name
	 * @return the child, created if needed (no client holds it yet), or {@code null} past the limit
	 */
	@Nullable Namespace child(ParentNamespace parent, String name) {
		return get(parent, name, false);
	}

	private @Nullable Namespace get(ParentNamespace parent, String name, boolean hold) {
		Child child = this.children.compute(name, (key, existing) -> {
			Child held = existing;
			if (held == null) {
				if (this.children.size() >= this.max) {
					logger.debug("Refused to create dynamic namespace " + key + ": " + this.max + " exist already");
					this.namespaces.observer().limitExceeded(Limit.DYNAMIC_NAMESPACES);
					return null;
				}
				held = new Child(this.namespaces.createChild(key, parent));
			}
			if (hold) {
				held.holders++;
			}
			return held;
		});
		return (child != null) ? child.namespace : null;
	}

	/**
	 * A client that held a child is gone: its socket left, or it was refused or closed before being let in.
	 * @param namespace the child
	 */
	void leave(Namespace namespace) {
		Child child = this.children.computeIfPresent(namespace.name(), (key, held) -> {
			if (held.namespace == namespace && held.holders > 0) {
				held.holders--;
			}
			return held;
		});
		if (!this.cleanup || child == null || child.namespace != namespace || child.holders > 0) {
			return;
		}
		if (this.keepEmpty == null) {
			removeIfUnheld(namespace);
		}
		else {
			Mono.delay(this.keepEmpty).subscribe((tick) -> removeIfUnheld(namespace));
		}
	}

	private void removeIfUnheld(Namespace namespace) {
		boolean[] removed = new boolean[1];
		this.children.computeIfPresent(namespace.name(), (key, held) -> {
			if (held.namespace != namespace || held.holders > 0 || !namespace.sockets().isEmpty()) {
				return held;
			}
			// unregistered under the lock, so that a client entering next creates a new child
			this.namespaces.removeChild(namespace);
			removed[0] = true;
			return null;
		});
		if (removed[0]) {
			logger.debug("Removed empty dynamic namespace " + namespace.name());
			namespace.adapter().close();
		}
	}

	/** @return how many children exist */
	int size() {
		return this.children.size();
	}

	/** A child and how many clients hold it; changed only inside the map's atomic updates of its name. */
	private static final class Child {

		final Namespace namespace;

		int holders;

		Child(Namespace namespace) {
			this.namespace = namespace;
		}

	}

}
