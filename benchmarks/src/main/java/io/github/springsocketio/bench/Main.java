package io.github.springsocketio.bench;

import java.util.Arrays;

/**
 * The benchmarks' entry point.
 *
 * <pre>
 * java -jar benchmarks.jar run [options]    # the load scenarios against each server (see {@link Runner})
 * java -jar benchmarks.jar jmh [JMH options] # the codec microbenchmarks
 * </pre>
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (command) {
			case "run" -> Runner.main(rest);
			case "jmh" -> org.openjdk.jmh.Main.main(rest);
			default -> {
				System.err.println("usage: java -jar benchmarks.jar run [--smoke] [--runs N] [...] | jmh [JMH options]");
				System.exit(2);
			}
		}
		System.exit(0);
	}

}
