/**
 * Adapters: the in-memory adapter of a single node, the generic cluster adapter, and the Redis Streams transport.
 */
@NullMarked
package io.github.springsocketio.adapter;

import org.jspecify.annotations.NullMarked;
