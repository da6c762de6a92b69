/**
 * Socket.IO v5 packets and their codec: seven packet types, namespaces, acknowledgement ids and binary attachments
 * carried as separate Engine.IO messages.
 *
 * <p>Payloads are Jackson trees: an event is an {@code ArrayNode} {@code [name, ...args]}; binary values are
 * {@code BinaryNode}s at any depth, turned into placeholders and attachments on the way out and back on the way in.
 */
@NullMarked
package io.github.springsocketio.protocol;

import org.jspecify.annotations.NullMarked;
