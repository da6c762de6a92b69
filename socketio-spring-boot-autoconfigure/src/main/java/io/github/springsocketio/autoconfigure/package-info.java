/**
 * Spring Boot auto-configuration: the {@code socketio.*} properties, the Engine.IO and Socket.IO beans and the
 * routes that serve them on the application's own Reactor Netty server.
 */
@NullMarked
package io.github.springsocketio.autoconfigure;

import org.jspecify.annotations.NullMarked;
