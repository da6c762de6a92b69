/**
 * Engine.IO v4: the transport layer under Socket.IO. Sessions, HTTP long-polling, WebSocket, the upgrade between
 * them, heartbeats, CORS and the handshake cookie, served on Reactor Netty.
 *
 * <p>Threading: every session is confined to one Netty event loop. Its state is only touched there; calls from other
 * threads are handed over with {@link io.github.springsocketio.engine.EngineIoSession#execute(Runnable)}, and its
 * timers are scheduled on that loop, so no session ever needs a lock or a thread of its own.
 */
@NullMarked
package io.github.springsocketio.engine;

import org.jspecify.annotations.NullMarked;
