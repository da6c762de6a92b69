/**
 * The chat of the sample application (the default profile): rooms, a user list, a typing indicator and messages
 * acknowledged as delivered, on the {@code /chat} namespace, written with annotated handlers. The page is
 * {@code static/index.html}.
 */
@NullMarked
package io.github.springsocketio.sample.chat;

import org.jspecify.annotations.NullMarked;
