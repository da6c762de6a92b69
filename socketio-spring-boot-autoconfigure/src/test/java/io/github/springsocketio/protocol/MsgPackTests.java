package io.github.springsocketio.protocol;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * MessagePack as {@code @msgpack/msgpack} (the Node.js adapters' codec) and {@code notepack.io} 2
 * (socket.io-msgpack-parser) write it: the exact bytes of the examples verified against Node.js nodes, and the
 * conventions for numbers, binary, dates, {@code undefined} and nesting.
 */
class MsgPackTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void aServerSideEmitEnvelopeHasTheBytesNodeJsWrites() {
		ObjectNode envelope = NODES.objectNode().put("type", 9);
		envelope.putObject("data").putArray("packet").add("hello").add("world");
		envelope.put("uid", "5e87b6c58a50c427").put("nsp", "/");

		byte[] encoded = MsgPack.encode(envelope);

		assertThat(HEX.formatHex(encoded)).isEqualTo("84" + "a474797065" + "09" + "a464617461" + "81"
				+ "a67061636b6574" + "92" + "a568656c6c6f" + "a5776f726c64" + "a3756964" + "b0"
				+ HEX.formatHex("5e87b6c58a50c427".getBytes()) + "a36e7370" + "a12f");
		assertThat(MsgPack.decode(encoded)).isEqualTo(envelope);
	}

	@Test
	void theDataOfABinaryBroadcastIsTheBase64NodeJsWrites() {
		ObjectNode data = NODES.objectNode();
		ObjectNode packet = data.putObject("packet").put("type", 2);
		packet.putArray("data").add("hello").add(NODES.binaryNode(new byte[] { 1, 2, 3 }));
		ObjectNode opts = data.putObject("opts");
		opts.putArray("rooms").add("room1");
		opts.putArray("except");
		opts.putObject("flags");

		String encoded = Base64.getEncoder().encodeToString(MsgPack.encode(data));

		assertThat(encoded).isEqualTo("gqZwYWNrZXSCpHR5cGUCpGRhdGGSpWhlbGxvxAMBAgOkb3B0c4Olcm9vbXORpXJvb20xpmV4Y2VwdJClZmxhZ3OA");
		JsonNode decoded = MsgPack.decode(Base64.getDecoder().decode(encoded));
		assertThat(decoded.at("/packet/data/1").isBinary()).isTrue();
		assertThat(decoded.at("/packet/data/1").binaryValue()).containsExactly(1, 2, 3);
		assertThat(decoded).isEqualTo(data);
	}

	@Test
	void aRecoverySessionHasTheValueNodeJsStores() {
		ObjectNode session = NODES.objectNode().put("sid", "12PyJTi4LEcqDFPeAAAA").put("pid", "6QeZpRfjfby5QlbzAAAB");
		session.putArray("rooms").add("12PyJTi4LEcqDFPeAAAA").add("room1");
		session.putObject("data").put("node", 3411);

		String encoded = Base64.getEncoder().encodeToString(MsgPack.encode(session));

		assertThat(encoded).isEqualTo("hKNzaWS0MTJQeUpUaTRMRWNxREZQZUFBQUGjcGlktDZRZVpwUmZqZmJ5NVFsYnpBQUFCpXJvb21zkrQx"
				+ "MlB5SlRpNExFY3FERlBlQUFBQaVyb29tMaRkYXRhgaRub2RlzQ1T");
		assertThat(MsgPack.decode(Base64.getDecoder().decode(encoded))).isEqualTo(session);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "0, 00", "127, 7f", "128, cc80", "255, ccff", "256, cd0100", "65535, cdffff", "65536, ce00010000",
			"4294967295, ceffffffff", "4294967296, cf0000000100000000", "-1, ff", "-32, e0", "-33, d0df", "-128, d080",
			"-129, d1ff7f", "-32768, d18000", "-32769, d2ffff7fff", "-2147483648, d280000000",
			"-2147483649, d3ffffffff7fffffff", "9007199254740991, cf001fffffffffffff" })
	void integersTakeTheirSmallestForm(long value, String hex) {
		assertThat(HEX.formatHex(MsgPack.encode(NODES.numberNode(value)))).isEqualTo(hex);
		assertThat(MsgPack.decode(HEX.parseHex(hex)).longValue()).isEqualTo(value);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "3.0, 03", "-0.0, 00", "-2.0, fe", "300.0, cd012c", "1.5, cb3ff8000000000000",
			"-0.5, cbbfe0000000000000", "1e20, cb4415af1d78b58c40" })
	void integralDoublesAreIntegersAsInJavaScriptOthersFloat64(double value, String hex) {
		assertThat(HEX.formatHex(MsgPack.encode(NODES.numberNode(value)))).isEqualTo(hex);
	}

	@Test
	void floatsOfBothWidthsAndLargeUnsignedIntegersAreRead() {
		assertThat(MsgPack.decode(HEX.parseHex("ca3fc00000")).doubleValue()).isEqualTo(1.5);
		assertThat(MsgPack.decode(HEX.parseHex("cb3ff8000000000000")).doubleValue()).isEqualTo(1.5);
		assertThat(MsgPack.decode(HEX.parseHex("cfffffffffffffffff")).bigIntegerValue())
			.isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(MsgPack.decode(HEX.parseHex("d3ffffffff7fffffff")).longValue()).isEqualTo(-2147483649L);
	}

	@Test
	void binaryIsBinOfTheRightWidth() {
		assertThat(HEX.formatHex(MsgPack.encode(NODES.binaryNode(new byte[0])))).isEqualTo("c400");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.binaryNode(new byte[255])))).startsWith("c4ff");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.binaryNode(new byte[256])))).startsWith("c50100");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.binaryNode(new byte[65536])))).startsWith("c600010000");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.pojoNode(new byte[] { 9, 8, 7 })))).isEqualTo("c403090807");
		byte[] bytes = new byte[300];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		assertThat(MsgPack.decode(MsgPack.encode(NODES.binaryNode(bytes))).binaryValue()).isEqualTo(bytes);
	}

	@Test
	void stringsAreUtf8InTheirSmallestForm() {
		assertThat(HEX.formatHex(MsgPack.encode(NODES.stringNode("x".repeat(31))))).startsWith("bf78");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.stringNode("x".repeat(32))))).startsWith("d920");
		assertThat(HEX.formatHex(MsgPack.encode(NODES.stringNode("é")))).isEqualTo("a2c3a9");
		assertThat(MsgPack.decode(HEX.parseHex("a2c3a9")).stringValue()).isEqualTo("é");
	}

	@Test
	void nestedMapsArraysAndConstantsAreWrittenAsNodeJsDoes() {
		ObjectNode value = NODES.objectNode();
		ObjectNode a = value.putObject("a");
		ObjectNode inner = a.putArray("b").add(1).addObject();
		inner.putNull("c");
		inner.put("d", true);
		inner.put("e", false);

		byte[] encoded = MsgPack.encode(value);

		// as @msgpack/msgpack encodes {a:{b:[1,{c:null,d:true,e:false}]}}
		assertThat(HEX.formatHex(encoded)).isEqualTo("81a16181a162920183a163c0a164c3a165c2");
		assertThat(MsgPack.decode(encoded)).isEqualTo(value);
	}

	@Test
	void mapsKeepTheirKeyOrderWhenRead() {
		JsonNode decoded = MsgPack.decode(HEX.parseHex("83a17a01a16102a16d03"));

		assertThat(decoded.propertyNames()).containsExactly("z", "a", "m");
	}

	@Test
	void theTimestampExtensionIsReadAsAnInstant() {
		// timestamp 32: seconds since the epoch
		JsonNode decoded = MsgPack.decode(HEX.parseHex("d6ff00000001"));

		assertThat(decoded.stringValue()).isEqualTo("1970-01-01T00:00:01.000Z");
	}

	@Test
	void invalidDataIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("92a1")))
			.withMessageContaining("Invalid MessagePack");
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(new byte[0]));
	}

	@Test
	void lengthsBeyondTheEndOfTheDataAreRefusedBeforeAnySpaceIsMadeForThem() {
		// array 32, bin 32 and ext 32 declaring about 2 GB in a few bytes
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("dd7fffffff")));
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("c67fffffff00")));
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("c97fffffff0100")));
	}

	@Test
	void mapKeysMustBeStringsOrNumbersAsInNodeJs() {
		assertThat(MsgPack.decode(HEX.parseHex("8201a16107a162")).propertyNames()).containsExactly("1", "7");
		// a map as the key of a map as the key of ...: read as text, every level would double the escapes
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("81" + "81a161c0" + "c0")))
			.withMessageContaining("map key");
	}

	@Test
	void nestingIsRefusedPastJacksonsDefaultDepthInsteadOfOverflowingTheStack() {
		byte[] deep = new byte[1_000_000];
		Arrays.fill(deep, (byte) 0x91); // array(1) inside array(1) inside ...

		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(deep)).withMessageContaining("nested");
		assertThat(MsgPack.decode(HEX.parseHex("919191c0")).at("/0/0/0").isNull()).isTrue();
	}

	@Test
	void notepackExtensionsReadAsJsonStringifyWritesThem() {
		// undefined, an ArrayBuffer (ext 8 of type 0), a Date (fixext 8 of type 0: milliseconds)
		assertThat(MsgPack.decode(HEX.parseHex("d40000")).isNull()).isTrue();
		assertThat(MsgPack.decode(HEX.parseHex("92d40000c7020001ff")))
			.isEqualTo(NODES.arrayNode().addNull().add(NODES.binaryNode(new byte[] { 1, (byte) 0xff })));
		assertThat(MsgPack.decode(HEX.parseHex("81a161d40000"))).isEqualTo(NODES.objectNode());
		assertThat(MsgPack.decode(HEX.parseHex("d700000000000000ea60")).stringValue())
			.isEqualTo("1970-01-01T00:01:00.000Z");
	}

	@Test
	void dataAfterTheValueIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HEX.parseHex("c0c0")));
	}

}
