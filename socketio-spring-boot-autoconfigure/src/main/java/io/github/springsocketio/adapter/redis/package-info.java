/**
 * The Redis adapters. The Redis Streams adapter, wire-compatible with the Node.js
 * {@code @socket.io/redis-streams-adapter} 0.3: durable messages in a Redis stream read by one {@code XREAD} loop per
 * node, requests and responses over PUB/SUB, and connection state recovery sessions in Redis keys. The Redis PUB/SUB
 * adapter, wire-compatible with {@code @socket.io/redis-adapter} 8 ({@code createAdapter}): everything over PUB/SUB,
 * without connection state recovery. The sharded PUB/SUB adapter, wire-compatible with that package's
 * {@code createShardedAdapter}: cluster messages over the sharded PUB/SUB of Redis 7, room channels subscribed while
 * the node has members of the room.
 */
@NullMarked
package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.NullMarked;
