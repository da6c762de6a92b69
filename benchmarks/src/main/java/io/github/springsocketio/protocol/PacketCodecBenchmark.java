package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.engine.EnginePacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Socket.IO packet encoding and decoding, with and without binary attachments: the broadcast message of the
 * fan-out scenario, the acknowledgement of the echo scenario, and the binary payload of the interop contract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {

	private PacketEncoder encoder;

	private PacketDecoder decoder;

	private Packet event;

	private Packet ack;

	private Packet binaryEvent;

	private byte[] eventText;

	private byte[] binaryHeader;

	private byte[] attachment;

	@Setup
	public void setUp() {
		JsonMapper mapper = JsonMapper.builder().build();
		this.encoder = new PacketEncoder(mapper);
		this.decoder = new PacketDecoder(mapper, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode message = nodes.objectNode().put("seq", 42).put("ts", 1_700_000_000_000L).put("pad", "x".repeat(100));
		this.event = new Packet(PacketType.EVENT, "/", nodes.arrayNode().add("m").add(message), Packet.NO_ID);
		this.ack = new Packet(PacketType.ACK, "/", nodes.arrayNode().add("x".repeat(100)), 17);
		this.attachment = new byte[256];
		for (int i = 0; i < this.attachment.length; i++) {
			this.attachment[i] = (byte) i;
		}
		ArrayNode nested = nodes.arrayNode().add(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));
		ObjectNode binary = nodes.objectNode();
		binary.set("bytes", BinaryNode.valueOf(this.attachment));
		binary.set("nested", nested);
		this.binaryEvent = new Packet(PacketType.EVENT, "/", nodes.arrayNode().add("message").add(binary), Packet.NO_ID);
		this.eventText = ("217[\"echo\",\"" + "x".repeat(100) + "\"]").getBytes(StandardCharsets.UTF_8);
		this.binaryHeader = "51-[\"bin\",{\"_placeholder\":true,\"num\":0}]".getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public List<EnginePacket> encodeEvent() {
		return this.encoder.encode(this.event);
	}

	@Benchmark
	public List<EnginePacket> encodeAck() {
		return this.encoder.encode(this.ack);
	}

	@Benchmark
	public List<EnginePacket> encodeBinaryEvent() {
		return this.encoder.encode(this.binaryEvent);
	}

	@Benchmark
	public Packet decodeEvent() {
		return this.decoder.decode(this.eventText);
	}

	@Benchmark
	public Packet decodeBinaryEvent() {
		this.decoder.decode(this.binaryHeader);
		return this.decoder.decodeAttachment(this.attachment);
	}

}
