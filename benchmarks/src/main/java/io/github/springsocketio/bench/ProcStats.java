package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of a process, from {@code /proc}. CPU is reported in seconds of user plus system
 * time (the kernel's clock ticks, {@code USER_HZ} = 100 on Linux).
 */
final class ProcStats {

	private static final double TICKS_PER_SECOND = 100.0;

	private ProcStats() {
	}

	/** @return user + system CPU seconds the process has used so far, or -1 if it is gone */
	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// the command name may hold spaces: fields are counted after its closing parenthesis
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state); utime and stime are fields 14 and 15
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * @return seconds the process's threads spent runnable but waiting for a CPU (summed over its threads, from
	 * {@code /proc/<pid>/task/<tid>/schedstat}): how much other load on the machine held the process back
	 */
	static double runQueueSeconds(long pid) {
		long waitNanos = 0;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
					waitNanos += Long.parseLong(fields[1]);
				}
				catch (IOException | RuntimeException ex) {
					// thread ended meanwhile
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return waitNanos / 1e9;
	}

	/** @return the resident set size in bytes, or -1 if the process is gone */
	static long rssBytes(long pid) {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
			for (String line : lines) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone
		}
		return -1;
	}

	/** @return the 1-, 5- and 15-minute load averages */
	static double[] loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
					Double.parseDouble(parts[2]) };
		}
		catch (IOException | RuntimeException ex) {
			return new double[] { -1, -1, -1 };
		}
	}

	/**
	 * A CPU meter over an interval, for the server(s) and the load generator: cores used (1.0 = one core busy all
	 * along), CPU seconds, and the share of the interval their threads waited for a CPU.
	 */
	static final class CpuMeter {

		private final long[] pids;

		private final double[] start;

		private final double[] waitStart;

		private final long startNanos;

		private double[] seconds;

		private double[] waited;

		private double elapsed;

		CpuMeter(long... pids) {
			this.pids = pids;
			this.start = new double[pids.length];
			this.waitStart = new double[pids.length];
			for (int i = 0; i < pids.length; i++) {
				this.start[i] = cpuSeconds(pids[i]);
				this.waitStart[i] = runQueueSeconds(pids[i]);
			}
			this.startNanos = System.nanoTime();
		}

		/** @return the cores each process used since this meter started, in the order of the pids */
		double[] stop() {
			this.elapsed = (System.nanoTime() - this.startNanos) / 1e9;
			double[] cores = new double[this.pids.length];
			this.seconds = new double[this.pids.length];
			this.waited = new double[this.pids.length];
			for (int i = 0; i < this.pids.length; i++) {
				this.seconds[i] = cpuSeconds(this.pids[i]) - this.start[i];
				this.waited[i] = runQueueSeconds(this.pids[i]) - this.waitStart[i];
				cores[i] = this.seconds[i] / this.elapsed;
			}
			return cores;
		}

		/** @return CPU seconds of process {@code i} over the interval (after {@link #stop()}) */
		double seconds(int i) {
			return this.seconds[i];
		}

		/** @return seconds process {@code i}'s threads waited for a CPU, per second of the interval */
		double waitedShare(int i) {
			return this.waited[i] / this.elapsed;
		}

	}

}
