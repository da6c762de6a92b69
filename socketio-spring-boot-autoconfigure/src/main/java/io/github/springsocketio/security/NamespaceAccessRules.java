package io.github.springsocketio.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The access rule of each namespace: its own when it has one, the default otherwise.
 *
 * <pre>{@code
 * new NamespaceAccessRules(NamespaceAccessRule.AUTHENTICATED,
 *         Map.of("/public", NamespaceAccessRule.PERMIT_ALL,
 *                "/admin", new NamespaceAccessRule(false, List.of("ROLE_ADMIN"))));
 * }</pre>
 *
 * @param defaultRule the rule of namespaces without their own
 * @param namespaces the rules of namespaces by name (a leading {@code /} is added if missing)
 */
public record NamespaceAccessRules(NamespaceAccessRule defaultRule, Map<String, NamespaceAccessRule> namespaces) {

	public NamespaceAccessRules {
		Map<String, NamespaceAccessRule> normalised = new HashMap<>();
		namespaces.forEach((name, rule) -> normalised.put(name.startsWith("/") ? name : "/" + name, rule));
		namespaces = Map.copyOf(normalised);
	}

	/**
	 * @param namespace a namespace name, e.g. {@code /chat}
	 * @return its rule
	 */
	public NamespaceAccessRule ruleOf(String namespace) {
		return this.namespaces.getOrDefault(namespace, this.defaultRule);
	}

}
