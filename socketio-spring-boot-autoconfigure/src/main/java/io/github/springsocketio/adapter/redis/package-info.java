/**
 * The Redis Streams adapter, wire-compatible with the Node.js {@code @socket.io/redis-streams-adapter} 0.3: durable
 * messages in a Redis stream read by one {@code XREAD} loop per node, requests and responses over PUB/SUB, and
 * connection state recovery sessions in Redis keys.
 */
@NullMarked
package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.NullMarked;
