package org.onewindow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark run's CPU goes, outside the threads that drive the cases (those measure their
 * own): this JVM's HTTP server threads, which answer the department and SMS simulators' calls (in
 * production those are other machines), the JVM's other threads, and the PostgreSQL server's
 * processes when it runs on this machine (Linux /proc; absent elsewhere). Totals in nanoseconds,
 * taken before and after a run.
 */
final class CpuTime {
  static final String HTTP = "HTTP server threads (department and SMS simulators)";
  static final String OTHER = "other JVM threads";
  /** Prefix of the other threads' CPU by family (the name without its numbers): a detail of {@link #OTHER}. */
  static final String OTHER_FAMILY = OTHER + ": ";
  /**
   * Prefix of the CPU of threads named pool-#-thread-# (executors without a thread name: the load
   * benchmark's driving threads, which measure themselves, and the engine's job executor), by
   * family; in no total.
   */
  static final String POOL_FAMILY = "unnamed pools: ";
  static final String POSTGRES = "PostgreSQL server processes";
  /** The whole machine, every process (Linux /proc/stat): CPU time busy, and busy plus idle; in no total. */
  private static final String MACHINE = "machine: ";
  static final String MACHINE_BUSY = MACHINE + "busy";
  static final String MACHINE_ALL = MACHINE + "busy and idle";
  /** USER_HZ of Linux's /proc/<pid>/stat, 100 on every mainstream architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private CpuTime() {}

  static Map<String, Long> snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long http = 0;
    long other = 0;
    Map<String, Long> families = new java.util.TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu < 0) {
        continue;
      }
      if (info.getThreadName().startsWith("pool-")) {
        families.merge(POOL_FAMILY + family(info.getThreadName()), cpu, Long::sum);
      } else if (info.getThreadName().startsWith("http-nio-")) {
        http += cpu;
      } else {
        other += cpu;
        families.merge(OTHER_FAMILY + family(info.getThreadName()), cpu, Long::sum);
      }
    }
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpu.put(HTTP, http);
    cpu.put(OTHER, other);
    cpu.putAll(families);
    long postgres = postgres();
    if (postgres >= 0) {
      cpu.put(POSTGRES, postgres);
    }
    machine(cpu);
    return cpu;
  }

  /** Whether a snapshot's entry is a detail or the machine's, outside the table's total. */
  static boolean inNoTotal(String where) {
    return where.startsWith(OTHER_FAMILY) || where.startsWith(POOL_FAMILY) || where.startsWith(MACHINE);
  }

  /** The share of the machine's CPU time that was busy between two snapshots, or NaN without /proc. */
  static double busyShare(Map<String, Long> before, Map<String, Long> after) {
    if (!before.containsKey(MACHINE_ALL) || !after.containsKey(MACHINE_ALL)) {
      return Double.NaN;
    }
    return (double) (after.get(MACHINE_BUSY) - before.get(MACHINE_BUSY))
        / (after.get(MACHINE_ALL) - before.get(MACHINE_ALL));
  }

  /** The first line of /proc/stat: every core's time, busy (user, nice, system, irq, softirq, steal) and idle. */
  private static void machine(Map<String, Long> cpu) {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      cpu.put(MACHINE_BUSY, busy * NANOS_PER_TICK);
      cpu.put(MACHINE_ALL, (busy + idle) * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      // not Linux: the report leaves the machine's share out
    }
  }

  /** CPU time of this JVM's threads so far, ended ones included (nanoseconds). */
  static long process() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A thread's name without its numbers: the pool or kind it belongs to. */
  static String family(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }

  /**
   * User and system time of the processes named postgres, or -1 without /proc. A backend that
   * ended (the pool retires connections after 30 minutes) leaves the live processes' sum; the
   * postmaster collects its time as its children's (cutime, cstime), which is counted too.
   */
  private static long postgres() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
            continue;
          }
          // Fields after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
          String[] rest = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]) + Long.parseLong(rest[13])
              + Long.parseLong(rest[14]);
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile, or is not readable
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }
}
