package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Engine.IO polling framing: a response body of ten ~100-byte packets (what a poll collects under load), one with a
 * binary attachment (base64), and the decoding of a POST body of ten packets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PollingPayloadBenchmark {

	private List<EnginePacket> textPackets;

	private List<EnginePacket> binaryPackets;

	private byte[] textBody;

	private byte[] binaryBody;

	@Setup
	public void setUp() {
		String message = "2[\"m\",{\"seq\":1,\"ts\":1700000000000,\"pad\":\"" + "x".repeat(100) + "\"}]";
		this.textPackets = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			this.textPackets.add(EnginePacket.text(message));
		}
		byte[] attachment = new byte[256];
		for (int i = 0; i < attachment.length; i++) {
			attachment[i] = (byte) i;
		}
		this.binaryPackets = List.of(EnginePacket.text("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]"),
				EnginePacket.binary(attachment));
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i > 0) {
				body.append('\u001e');
			}
			body.append("42").append(i).append("[\"echo\",\"").append("x".repeat(100)).append("\"]");
		}
		this.textBody = body.toString().getBytes(StandardCharsets.UTF_8);
		this.binaryBody = ("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]\u001eb"
				+ Base64.getEncoder().encodeToString(attachment)).getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public int encodeTenText() {
		ByteBuf body = PollingPayload.encode(this.textPackets);
		int size = body.readableBytes();
		body.release();
		return size;
	}

	@Benchmark
	public int encodeWithBinary() {
		ByteBuf body = PollingPayload.encode(this.binaryPackets);
		int size = body.readableBytes();
		body.release();
		return size;
	}

	@Benchmark
	public List<InboundPacket> decodeTenText() {
		return PollingPayload.decode(this.textBody).packets();
	}

	@Benchmark
	public List<InboundPacket> decodeWithBinary() {
		return PollingPayload.decode(this.binaryBody).packets();
	}

}
