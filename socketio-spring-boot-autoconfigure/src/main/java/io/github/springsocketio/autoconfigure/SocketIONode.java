package io.github.springsocketio.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * This server node's identity: {@code socketio.node-id}, or the host name and process id. Metrics, the health, the
 * sticky cookie and the interop test application report it.
 *
 * @param id the node id: letters, digits and {@code ._~-} only, so that it can be a cookie value
 */
public record SocketIONode(String id) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

	/**
	 * @param configured the configured id, or {@code null}
	 * @return the node, with a default id when none is configured
	 */
	static SocketIONode of(@Nullable String configured) {
		if (configured == null || configured.isBlank()) {
			return new SocketIONode(defaultId());
		}
		if (!VALID.matcher(configured).matches()) {
			throw new InvalidConfigurationPropertyValueException("socketio.node-id", configured,
					"Use 1 to 128 letters, digits, '.', '_', '~' or '-': the id is also a cookie value.");
		}
		return new SocketIONode(configured);
	}

	private static String defaultId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		String id = host.replaceAll("[^A-Za-z0-9._~-]", "-") + "-" + ProcessHandle.current().pid();
		return (id.length() > 128) ? id.substring(id.length() - 128) : id;
	}


}
