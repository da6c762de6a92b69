package io.github.springsocketio.adapter.redis;

import java.util.HexFormat;
import java.util.List;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.BroadcastOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bodies of {@code @socket.io/redis-adapter} 8, byte for byte where Node.js fixes them.
 */
class RedisAdapterCodecTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisAdapterCodec codec = new RedisAdapterCodec(JsonMapper.builder().build());

	@Test
	void aBroadcastIsTheMessagePackArrayOfUidPacketAndOptions() {
		Packet packet = new Packet(PacketType.EVENT, "/", NODES.arrayNode().add("news").add(1), Packet.NO_ID);

		byte[] body = this.codec.broadcast("Uid123", packet, BroadcastOptions.ALL.to("r1"));

		// io.to("r1").emit("news", 1) of a Node.js node with uid Uid123
		assertThat(HexFormat.of().formatHex(body)).isEqualTo("93a6556964313233"
				+ "83a47479706502a46461746192a46e65777301a36e7370a12f"
				+ "83a5726f6f6d7391a27231a6657863657074" + "90a5666c61677380");
	}

	@Test
	void aBroadcastWithoutNamespaceIsForTheMainOneAsNodeAssumes() {
		byte[] body = HexFormat.of().parseHex("93a7656d6974746572" + "82a47479706502a46461746191a178" + "80");

		RedisAdapterCodec.Broadcast broadcast = this.codec.decodeBroadcast(body);

		assertThat(broadcast).isNotNull();
		assertThat(broadcast.uid()).isEqualTo("emitter");
		assertThat(broadcast.namespace()).isEqualTo("/");
	}

	@Test
	void requestsAreJsonWhenTheyStartWithABraceAndMessagePackOtherwise() {
		byte[] json = "{\"uid\":\"hZuBvq\",\"type\":2,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]},\"rooms\":[\"j1\"]}"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] msgpack = this.codec.msgpack(NODES.objectNode().put("type", 9).put("requestId", "0oFlAD").put("packet", "a"));

		assertThat(this.codec.decode(json).get("type").intValue()).isEqualTo(2);
		assertThat(this.codec.decode(msgpack).get("requestId").stringValue()).isEqualTo("0oFlAD");
	}

	@Test
	void undecodableBodiesAreNoMessage() {
		for (byte[] body : List.of(new byte[0], new byte[] { '{', 'x' }, new byte[] { (byte) 0xc1 },
				new byte[] { (byte) 0x92, 1, 2 })) {
			assertThat(this.codec.decode(body)).isNull();
			assertThat(this.codec.decodeBroadcast(body)).isNull();
		}
	}

	@Test
	void channelsAreNamedAsNodeNamesThem() {
		RedisAdapterChannels channels = new RedisAdapterChannels("socket.io", "/", "wVBKRr");

		assertThat(channels.broadcastPattern()).isEqualTo("socket.io#/#*");
		assertThat(channels.room("r1")).isEqualTo("socket.io#/#r1#");
		assertThat(channels.request()).isEqualTo("socket.io-request#/#");
		assertThat(channels.response()).isEqualTo("socket.io-response#/#");
		assertThat(channels.ownResponse()).isEqualTo("socket.io-response#/#wVBKRr#");
		assertThat(channels.roomOf("socket.io#/#")).isEmpty();
		assertThat(channels.roomOf("socket.io#/#r1#")).isEqualTo("r1");
		assertThat(channels.roomOf("socket.io#/admin#")).isNull();
	}

	@Test
	void adapterIdsHaveTheFormOfNodes() {
		assertThat(RedisAdapterIds.uid()).matches("[A-Za-z0-9_-]{6}");
	}

}
