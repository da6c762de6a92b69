package io.github.springsocketio.protocol;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.engine.EnginePacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One broadcast to N sessions: encoded once and the same packets handed to every session's write buffer (what the
 * server does), against encoded again for each recipient. The write buffers are plain queues, as in a session.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastEncodeBenchmark {

	@Param({ "10", "1000" })
	public int recipients;

	private PacketEncoder encoder;

	private Packet packet;

	private ArrayDeque<EnginePacket>[] buffers;

	@Setup
	@SuppressWarnings("unchecked")
	public void setUp() {
		this.encoder = new PacketEncoder(JsonMapper.builder().build());
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode message = nodes.objectNode().put("seq", 42).put("ts", 1_700_000_000_000L).put("pad", "x".repeat(100));
		this.packet = new Packet(PacketType.EVENT, "/", nodes.arrayNode().add("m").add(message), Packet.NO_ID);
		this.buffers = new ArrayDeque[this.recipients];
		for (int i = 0; i < this.recipients; i++) {
			this.buffers[i] = new ArrayDeque<>();
		}
	}

	@Benchmark
	public int encodeOnce() {
		List<EnginePacket> encoded = this.encoder.encode(this.packet);
		int queued = 0;
		for (ArrayDeque<EnginePacket> buffer : this.buffers) {
			buffer.addAll(encoded);
			queued += buffer.size();
			buffer.clear();
		}
		return queued;
	}

	@Benchmark
	public int encodePerRecipient() {
		int queued = 0;
		for (ArrayDeque<EnginePacket> buffer : this.buffers) {
			buffer.addAll(this.encoder.encode(this.packet));
			queued += buffer.size();
			buffer.clear();
		}
		return queued;
	}

}
