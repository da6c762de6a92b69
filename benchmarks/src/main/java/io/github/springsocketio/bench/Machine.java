package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Describes the machine and the software a benchmark pass ran on, for its results file. */
final class Machine {

	/**
	 * @param settings how the servers were started
	 * @return the CPUs, memory, kernel, JDKs, Node.js and server flags
	 */
	static Map<String, Object> describe(Server.Settings settings) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("loadgen_visible_cpus", Runtime.getRuntime().availableProcessors());
		machine.put("online_cpus", command("nproc", "--all"));
		machine.put("cpu_model", firstLine("/proc/cpuinfo", "model name"));
		machine.put("memory", firstLine("/proc/meminfo", "MemTotal"));
		machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("server_cpus", settings.serverCpus());
		machine.put("server_java", command(settings.javaBin().toString(), "-version"));
		machine.put("server_jvm_flags", settings.jvmFlags());
		machine.put("node", command(settings.nodeBin(), "--version"));
		machine.put("loadgen_java", System.getProperty("java.vm.name") + " " + Runtime.version());
		return machine;
	}

	private static String firstLine(String file, String prefix) {
		try {
			for (String line : Files.readAllLines(Path.of(file))) {
				if (line.startsWith(prefix)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// unknown
		}
		return "";
	}

	private static String command(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(30, TimeUnit.SECONDS);
			return output.replace('\n', ' ');
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	private Machine() {
	}

}
