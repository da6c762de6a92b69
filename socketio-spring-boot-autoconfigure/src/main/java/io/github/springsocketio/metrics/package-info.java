/**
 * Micrometer meters for the Engine.IO sessions, the Socket.IO sockets and the cluster adapter. Tags have bounded
 * cardinality only: never socket ids, room names or event names a client chose.
 */
@NullMarked
package io.github.springsocketio.metrics;

import org.jspecify.annotations.NullMarked;
