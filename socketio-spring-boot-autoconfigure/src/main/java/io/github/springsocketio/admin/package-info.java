/**
 * The server side of the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5): a namespace the official dashboard
 * connects to, its authentication, the statistics and socket activity it shows, and the commands it sends.
 * {@link io.github.springsocketio.admin.AdminUi#instrument} is the entry point.
 */
@NullMarked
package io.github.springsocketio.admin;

import org.jspecify.annotations.NullMarked;
