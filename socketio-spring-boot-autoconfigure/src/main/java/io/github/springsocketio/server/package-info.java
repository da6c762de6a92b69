/**
 * The Socket.IO server: namespaces, sockets, rooms, broadcasts, acknowledgements, middlewares and connection state
 * recovery, on top of the Engine.IO layer. {@link io.github.springsocketio.server.SocketIOServer} is the entry point;
 * {@link io.github.springsocketio.server.Adapter} is the service-provider interface through which every cluster-wide
 * operation goes.
 *
 * <p>Threading: a socket's events and listeners run on its connection's event loop, in order; never block in a
 * listener. Emitting, broadcasting and every server operation may be called from any thread.
 */
@NullMarked
package io.github.springsocketio.server;

import org.jspecify.annotations.NullMarked;
