package io.github.springsocketio.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may connect to a namespace: whether anonymous sockets may, and which authorities an authenticated one needs
 * (any one of them; none listed means any authenticated socket).
 *
 * @param allowAnonymous whether a socket without credentials is let in
 * @param authorities the authorities of which an authenticated socket needs one, e.g. {@code ROLE_ADMIN} or
 * {@code SCOPE_chat}; empty for none
 */
public record NamespaceAccessRule(boolean allowAnonymous, List<String> authorities) {

	/** Every socket needs credentials, and no particular authority. */
	public static final NamespaceAccessRule AUTHENTICATED = new NamespaceAccessRule(false, List.of());

	/** Anonymous sockets are let in too. */
	public static final NamespaceAccessRule PERMIT_ALL = new NamespaceAccessRule(true, List.of());

	public NamespaceAccessRule {
		authorities = List.copyOf(authorities);
	}

	/**
	 * @param authentication who connects, {@code null} when anonymous
	 * @return why the socket is refused (the message its client's {@code connect_error} gets), or {@code null} to
	 * let it in
	 */
	@Nullable String refusal(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return this.allowAnonymous ? null : "Authentication required";
		}
		if (this.authorities.isEmpty()) {
			return null;
		}
		Collection<? extends GrantedAuthority> granted = authentication.getAuthorities();
		Set<String> required = Set.copyOf(this.authorities);
		for (GrantedAuthority authority : granted) {
			if (required.contains(authority.getAuthority())) {
				return null;
			}
		}
		return "Access denied: requires one of " + this.authorities;
	}

}
