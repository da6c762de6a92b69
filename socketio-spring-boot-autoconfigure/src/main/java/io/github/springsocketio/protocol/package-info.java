/**
 * Socket.IO v5 packets and their codecs behind {@link io.github.springsocketio.protocol.PacketParser}: the default
 * parser (seven packet types, namespaces, acknowledgement ids and binary attachments carried as separate Engine.IO
 * messages) and the msgpack parser (one MessagePack binary message per packet, binary inline).
 *
 * <p>Payloads are Jackson trees: an event is an {@code ArrayNode} {@code [name, ...args]}; binary values are
 * {@code BinaryNode}s at any depth, turned into placeholders and attachments on the way out and back on the way in.
 */
@NullMarked
package io.github.springsocketio.protocol;

import org.jspecify.annotations.NullMarked;
