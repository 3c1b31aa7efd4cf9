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
    return cpu;
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

  /** Sum of user and system time of the processes named postgres, or -1 without /proc. */
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
          // Fields after the command: state is field 3, utime 14, stime 15.
          String[] rest = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
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
