package org.onewindow.benchmark;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples in nanoseconds; percentiles by sorting (the runs are small enough). */
final class Stats {
  private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();

  void add(long nanos) {
    samples.add(nanos);
  }

  void addAll(Stats other) {
    samples.addAll(other.samples);
  }

  int count() {
    return samples.size();
  }

  /** Percentile in milliseconds. */
  double p(double percentile) {
    long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
  }

  String summary() {
    return String.format("p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (n=%d)", p(50), p(95), p(99), count());
  }

  static double mean(long[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }
}
