package io.github.springsocketio.server;

import java.util.Collection;

/**
 * What a broadcast operator reaches: one namespace, or every child of a dynamic parent namespace.
 */
interface BroadcastTarget {

	Collection<Namespace> namespaces();

}
