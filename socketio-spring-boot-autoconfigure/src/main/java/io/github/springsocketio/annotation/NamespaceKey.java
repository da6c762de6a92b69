package io.github.springsocketio.annotation;

/**
 * A namespace a handler or middleware is registered on: a name, or the pattern of a dynamic namespace.
 *
 * @param name the namespace name (starting with {@code /}) or the regular expression
 * @param pattern whether {@code name} is a regular expression
 */
record NamespaceKey(String name, boolean pattern) {

	/** The main namespace, for handlers and middlewares that name none. */
	static final NamespaceKey MAIN = new NamespaceKey("/", false);

	NamespaceHandlers handlers() {
		return new NamespaceHandlers(toString());
	}

	@Override
	public String toString() {
		return this.pattern ? "dynamic namespace '" + this.name + "'" : "namespace '" + this.name + "'";
	}

}
