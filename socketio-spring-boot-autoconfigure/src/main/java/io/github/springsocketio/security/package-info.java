/**
 * Spring Security for Socket.IO connections: each socket is authenticated by the application's own Spring Security
 * (a bearer token in the handshake's {@code Authorization} header or in the CONNECT auth payload, or the session of a
 * login), each namespace's {@link io.github.springsocketio.security.NamespaceAccessRules rule} admits or refuses it,
 * annotated handlers receive the {@code Authentication} and {@code @AuthenticationPrincipal} values and run with it as
 * their security context (for method security), and a socket whose credentials end is disconnected
 * ({@link io.github.springsocketio.security.CredentialsExpiry}).
 *
 * <p>It needs Spring Security on the class path and sits above the annotated handlers and below the
 * auto-configuration, which sets it up when the application uses WebFlux security.
 */
@NullMarked
package io.github.springsocketio.security;

import org.jspecify.annotations.NullMarked;
