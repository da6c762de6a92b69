package io.github.springsocketio.engine;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * Finds the address a handshake is counted against: the peer's, or, when the peer is a trusted proxy, the client the
 * proxies' {@code Forwarded} (else {@code X-Forwarded-For}) header names. The header is read from its right end, the
 * hop the nearest proxy added, leftwards while each hop is itself a trusted proxy: what a client writes into the
 * header itself is never believed. An IPv6 client is counted by its {@code /64}, the block one subscriber gets, so
 * that it cannot pass a limit by changing the lower half of its address.
 */
final class ClientAddresses {

	private final List<IpSubnetFilterRule> trusted;

	ClientAddresses(List<String> trustedProxies) {
		this.trusted = parseTrusted(trustedProxies);
	}

	/**
	 * Parses trusted proxies, never resolving a name.
	 * @param trustedProxies addresses or CIDR blocks
	 * @return a rule for each
	 * @throws IllegalArgumentException naming the first that is neither
	 */
	static List<IpSubnetFilterRule> parseTrusted(List<String> trustedProxies) {
		List<IpSubnetFilterRule> rules = new ArrayList<>(trustedProxies.size());
		for (String proxy : trustedProxies) {
			String text = proxy.strip();
			int slash = text.indexOf('/');
			InetAddress address = parse((slash >= 0) ? text.substring(0, slash) : text);
			if (address == null) {
				throw new IllegalArgumentException("'" + proxy + "' is not an IP address or a CIDR block such as "
						+ "10.0.0.0/8 or fd00::/8");
			}
			int bits = address.getAddress().length * 8;
			int prefix;
			try {
				prefix = (slash >= 0) ? Integer.parseInt(text.substring(slash + 1)) : bits;
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + proxy + "' has a prefix length outside 0 to " + bits);
			}
			rules.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
		}
		return List.copyOf(rules);
	}

	/**
	 * @param peer the address of the connection's other end, {@code null} if it has none
	 * @param headers the request headers
	 * @return the key the client is counted by: an IPv4 address, an IPv6 {@code /64} block, or {@code unknown}
	 */
	String resolve(@Nullable InetSocketAddress peer, HttpHeaders headers) {
		InetAddress client = (peer != null) ? peer.getAddress() : null;
		if (client == null) {
			return "unknown";
		}
		if (isTrusted(client)) {
			List<String> hops = hops(headers);
			for (int i = hops.size() - 1; i >= 0; i--) {
				InetAddress hop = parse(hops.get(i));
				if (hop == null) {
					break; // "unknown", an obfuscated name or garbage: the proxy that added it is the client
				}
				client = hop;
				if (!isTrusted(hop)) {
					break;
				}
			}
		}
		return key(client);
	}

	private boolean isTrusted(InetAddress address) {
		if (this.trusted.isEmpty()) {
			return false;
		}
		InetSocketAddress socketAddress = new InetSocketAddress(address, 0);
		for (IpSubnetFilterRule rule : this.trusted) {
			if (rule.matches(socketAddress)) {
				return true;
			}
		}
		return false;
	}

	/** The {@code for} hops of {@code Forwarded}, or those of {@code X-Forwarded-For} when there is none. */
	private static List<String> hops(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		List<String> forwarded = headers.getAll("Forwarded");
		if (!forwarded.isEmpty()) {
			for (String header : forwarded) {
				for (String element : header.split(",")) {
					hops.add(forParameter(element));
				}
			}
			return hops;
		}
		for (String header : headers.getAll("X-Forwarded-For")) {
			for (String hop : header.split(",")) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	/** RFC 7239's {@code for=} of one element, unquoted; empty when the element has none. */
	private static String forParameter(String element) {
		for (String pair : element.split(";")) {
			String parameter = pair.strip();
			if (parameter.toLowerCase(Locale.ROOT).startsWith("for=")) {
				String value = parameter.substring(4).strip();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				return value;
			}
		}
		return "";
	}

	/**
	 * An IP literal, with or without a port ({@code 192.0.2.1:8080}, {@code [2001:db8::1]:443}); never a name lookup.
	 * @return the address, or {@code null} if the text is not one
	 */
	static @Nullable InetAddress parse(String text) {
		String host = text.strip();
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			host = (end > 0) ? host.substring(1, end) : host;
		}
		else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':') && host.indexOf('.') > 0) {
			host = host.substring(0, host.indexOf(':')); // IPv4 with a port
		}
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
		if (bytes == null) {
			return null;
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null; // not reached: the length is 4 or 16
		}
	}

	private static String key(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		for (int i = 8; i < 16; i++) {
			bytes[i] = 0;
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address.getHostAddress(); // not reached: 16 bytes
		}
	}

}
