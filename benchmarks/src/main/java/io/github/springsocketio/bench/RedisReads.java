package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes each process has read from Redis so far: the kernel's {@code bytes_received} of every TCP connection the
 * process holds to the Redis port, summed ({@code ss -tinp}). Redis 7.0 keeps no per-client byte counts, and
 * {@code MONITOR} would cost Redis more than the traffic it watches; the kernel counts for free, for a JVM and a
 * Node.js process alike.
 */
final class RedisReads {

	private static final Pattern PID = Pattern.compile("pid=(\\d+)");

	private static final Pattern BYTES_RECEIVED = Pattern.compile("bytes_received:(\\d+)");

	private RedisReads() {
	}

	/**
	 * @param redisPort the port the processes' connections go to
	 * @return bytes received per pid, over the connections that are open now; empty when {@code ss} is not there
	 */
	static Map<Long, Long> bytesReceived(int redisPort) {
		Map<Long, Long> bytes = new HashMap<>();
		String output;
		try {
			Process process = new ProcessBuilder("ss", "-tinpH", "( dport = :" + redisPort + " )")
				.redirectErrorStream(true)
				.start();
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			return bytes;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return bytes;
		}
		// each connection: a line with its addresses and owner (users:(("java",pid=1,fd=2))), then an indented
		// line with its tcp_info
		long owner = -1;
		for (String line : output.split("\n")) {
			if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
				Matcher pid = PID.matcher(line);
				owner = pid.find() ? Long.parseLong(pid.group(1)) : -1;
			}
			else if (owner >= 0) {
				Matcher received = BYTES_RECEIVED.matcher(line);
				if (received.find()) {
					bytes.merge(owner, Long.parseLong(received.group(1)), Long::sum);
				}
			}
		}
		return bytes;
	}

}
