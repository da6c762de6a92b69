package io.github.springsocketio.engine;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The address a handshake is counted against: the peer's unless the peer is a trusted proxy, then the nearest
 * untrusted hop of the forwarding headers, read from the right.
 */
class ClientAddressesTests {

	private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8"));

	@Test
	void withoutTrustedProxiesThePeerIsTheClientWhateverItsHeadersSay() {
		ClientAddresses addresses = new ClientAddresses(List.of());

		assertThat(addresses.resolve(peer("203.0.113.7"), headers("X-Forwarded-For", "198.51.100.1")))
			.isEqualTo("203.0.113.7");
		assertThat(addresses.resolve(peer("203.0.113.7"), headers("Forwarded", "for=198.51.100.1")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void anUntrustedPeerCannotNameAnotherClient() {
		assertThat(this.behindProxies.resolve(peer("203.0.113.7"), headers("X-Forwarded-For", "198.51.100.1")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void aTrustedProxyNamesTheClientInXForwardedFor() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "198.51.100.1")))
			.isEqualTo("198.51.100.1");
		assertThat(this.behindProxies.resolve(peer("192.168.1.1"), headers("X-Forwarded-For", "198.51.100.1 ,  10.0.0.9")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void whatTheClientWroteLeftOfTheNearestUntrustedHopIsNotBelieved() {
		// the client sent "X-Forwarded-For: 1.1.1.1"; its proxy appended the real address, then an inner proxy
		HttpHeaders headers = headers("X-Forwarded-For", "1.1.1.1, 198.51.100.1, 10.9.9.9");

		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers)).isEqualTo("198.51.100.1");
	}

	@Test
	void repeatedHeadersReadAsOneList() {
		HttpHeaders headers = new DefaultHttpHeaders().add("X-Forwarded-For", "1.1.1.1")
			.add("X-Forwarded-For", "198.51.100.1");

		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers)).isEqualTo("198.51.100.1");
	}

	@Test
	void aChainOfTrustedProxiesOnlyIsCountedAgainstTheFirst() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "10.0.0.5, 10.0.0.6")))
			.isEqualTo("10.0.0.5");
	}

	@Test
	void aTrustedProxyWithoutHeaderOrWithGarbageIsItselfTheClient() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), new DefaultHttpHeaders())).isEqualTo("10.1.2.3");
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "not-an-address")))
			.isEqualTo("10.1.2.3");
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "evil.example.com")))
			.as("a name is never looked up")
			.isEqualTo("10.1.2.3");
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "198.51.100.1, bad")))
			.as("the hop right of the garbage is the nearest address known")
			.isEqualTo("10.1.2.3");
	}

	@Test
	void forwardedIsPreferredAndItsQuotedAndBracketedFormsAreRead() {
		HttpHeaders headers = headers("Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43, "
				+ "For=\"[2001:db8:cafe::17]:4711\"")
			.add("X-Forwarded-For", "198.51.100.99");

		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers)).isEqualTo("2001:db8:cafe:0:0:0:0:0/64");
	}

	@Test
	void anObfuscatedOrUnknownForwardedHopStopsAtTheProxyThatAddedIt() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("Forwarded", "for=unknown")))
			.isEqualTo("10.1.2.3");
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("Forwarded", "for=_hidden, for=10.0.0.7")))
			.isEqualTo("10.0.0.7");
	}

	@Test
	void addressesWithPortsAreRead() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "198.51.100.1:5555")))
			.isEqualTo("198.51.100.1");
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "[2001:db8::1]:443")))
			.isEqualTo("2001:db8:0:0:0:0:0:0/64");
	}

	@Test
	void anIPv6ClientIsCountedByItsSlash64() {
		ClientAddresses addresses = new ClientAddresses(List.of());

		assertThat(addresses.resolve(peer("2001:db8:1:2:aaaa::1"), new DefaultHttpHeaders()))
			.isEqualTo(addresses.resolve(peer("2001:db8:1:2:ffff:1:2:3"), new DefaultHttpHeaders()))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(addresses.resolve(peer("2001:db8:1:3::1"), new DefaultHttpHeaders()))
			.isEqualTo("2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void anIPv4MappedIPv6AddressIsTheIPv4Address() {
		assertThat(this.behindProxies.resolve(peer("10.1.2.3"), headers("X-Forwarded-For", "::ffff:198.51.100.1")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void trustedIPv6ProxiesMatchByPrefix() {
		assertThat(this.behindProxies.resolve(peer("fd12:3456::1"), headers("X-Forwarded-For", "2001:db8::9")))
			.isEqualTo("2001:db8:0:0:0:0:0:0/64");
		assertThat(this.behindProxies.resolve(peer("fe80::1"), headers("X-Forwarded-For", "2001:db8::9")))
			.as("outside fd00::/8")
			.isEqualTo("fe80:0:0:0:0:0:0:0/64");
	}

	@Test
	void cidrBlocksMatchExactlyTheirPrefix() {
		ClientAddresses addresses = new ClientAddresses(List.of("192.0.2.128/25"));
		HttpHeaders headers = headers("X-Forwarded-For", "198.51.100.1");

		assertThat(addresses.resolve(peer("192.0.2.128"), headers)).isEqualTo("198.51.100.1");
		assertThat(addresses.resolve(peer("192.0.2.255"), headers)).isEqualTo("198.51.100.1");
		assertThat(addresses.resolve(peer("192.0.2.127"), headers)).isEqualTo("192.0.2.127");
	}

	@Test
	void aPeerWithoutAnAddressIsCountedAsUnknown() {
		assertThat(this.behindProxies.resolve(null, new DefaultHttpHeaders())).isEqualTo("unknown");
	}

	@Test
	void trustedProxiesMustBeAddressesOrCidrBlocks() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.parseTrusted(List.of("10.0.0.0/33")))
			.withMessage("'10.0.0.0/33' has a prefix length outside 0 to 32");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.parseTrusted(List.of("::1/129")))
			.withMessage("'::1/129' has a prefix length outside 0 to 128");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.parseTrusted(List.of("10.0.0.0/x")))
			.withMessageContaining("prefix length");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.parseTrusted(List.of("localhost")))
			.withMessageContaining("'localhost' is not an IP address or a CIDR block");
		assertThat(ClientAddresses.parseTrusted(List.of("0.0.0.0/0", "::/0", " 127.0.0.1 "))).hasSize(3);
	}

	private static InetSocketAddress peer(String address) {
		return new InetSocketAddress(ClientAddresses.parse(address), 40000);
	}

	private static HttpHeaders headers(String name, String value) {
		return new DefaultHttpHeaders().add(name, value);
	}

}
