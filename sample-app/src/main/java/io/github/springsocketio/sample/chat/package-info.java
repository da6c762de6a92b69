/**
 * The chat of the sample application (the default profile): users sign in with a form login, then chat in rooms
 * with a user list, a typing indicator and messages acknowledged as delivered, see who is online and send direct
 * messages to one user's tabs, on the {@code /chat} namespace, written with annotated handlers. The page is
 * {@code static/index.html}.
 */
@NullMarked
package io.github.springsocketio.sample.chat;

import org.jspecify.annotations.NullMarked;
