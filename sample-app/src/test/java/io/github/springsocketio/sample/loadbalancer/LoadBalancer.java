package io.github.springsocketio.sample.loadbalancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The load-balancer configurations the tests run and the documentation shows, kept as templates in
 * {@code src/test/resources/load-balancers/}: {@code {{listen}}} is the address the balancer listens on and
 * {@code {{node-a}}}, {@code {{node-b}}}, {@code {{node-c}}} are the nodes' {@code host:port}; the node ids, the
 * cookie values, are {@code node-a}, {@code node-b} and {@code node-c}.
 */
enum LoadBalancer {

	/** HAProxy routing by the nodes' own {@code SIONODE} cookie. */
	HAPROXY_SIONODE("haproxy-sionode.cfg", Kind.HAPROXY, true, true),

	/** HAProxy inserting a cookie of its own. */
	HAPROXY_INSERT("haproxy-insert.cfg", Kind.HAPROXY, true, true),

	/** HAProxy prefixing the Engine.IO {@code io} cookie with the node's name. */
	HAPROXY_PREFIX("haproxy-prefix.cfg", Kind.HAPROXY, true, true),

	/** nginx hashing the client's address: every client of one address on one node. */
	NGINX_HASH("nginx-hash.conf", Kind.NGINX, true, false),

	/** nginx mapping the nodes' own {@code SIONODE} cookie to an upstream. */
	NGINX_COOKIE_MAP("nginx-cookie-map.conf", Kind.NGINX, true, true),

	/** Apache httpd's {@code mod_proxy_balancer} setting a route cookie of its own. */
	APACHE_COOKIE("apache-cookie.conf", Kind.APACHE, true, true),

	/** The negative control: HAProxy round robin without any stickiness. */
	HAPROXY_NOT_STICKY("haproxy-roundrobin-not-sticky.cfg", Kind.HAPROXY, false, true);

	/** The node ids the templates name. */
	static final List<String> NODE_IDS = List.of("node-a", "node-b", "node-c");

	/** The main nginx file the tests put around a site template. */
	static final String NGINX_MAIN = "nginx-main.conf";

	/** The main Apache httpd file the tests put around a site template. */
	static final String APACHE_MAIN = "apache-main.conf";

	enum Kind {

		HAPROXY("haproxy"), NGINX("nginx"), APACHE("apache");

		/** The language of the documentation's code fence. */
		final String fence;

		Kind(String fence) {
			this.fence = fence;
		}

	}

	final String file;

	final Kind kind;

	final boolean sticky;

	final boolean spreads;

	LoadBalancer(String file, Kind kind, boolean sticky, boolean spreads) {
		this.file = file;
		this.kind = kind;
		this.sticky = sticky;
		this.spreads = spreads;
	}

	/** @return the balancers that keep a session on its node */
	static List<LoadBalancer> sticky() {
		return java.util.Arrays.stream(values()).filter((balancer) -> balancer.sticky).toList();
	}

	/**
	 * @param listen where the balancer listens ({@code 127.0.0.1:8080} in the tests)
	 * @param nodes the {@code host:port} of node-a, node-b and node-c
	 * @return the configuration
	 */
	String render(String listen, List<String> nodes) {
		return render(template(this.file), listen, nodes);
	}

	static String render(String template, String listen, List<String> nodes) {
		String text = template.replace("{{listen}}", listen);
		for (int i = 0; i < NODE_IDS.size(); i++) {
			text = text.replace("{{" + NODE_IDS.get(i) + "}}", nodes.get(i));
		}
		if (text.contains("{{")) {
			throw new IllegalStateException("Unknown placeholder left in:\n" + text);
		}
		return text;
	}

	static String template(String file) {
		try (InputStream in = LoadBalancer.class.getResourceAsStream("/load-balancers/" + file)) {
			if (in == null) {
				throw new IllegalStateException("Missing template load-balancers/" + file);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
