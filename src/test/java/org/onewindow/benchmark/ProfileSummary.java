package org.onewindow.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the benchmark JVM's CPU goes, from a flight recording of a benchmark run (README
 * "Performance"): the share of execution samples spent in OneWindow's code or in what it calls
 * directly (not in engine work a project method starts), and the layer of the innermost frame (engine, MyBatis, JDBC driver, ...). Run with
 * {@code java -cp target/test-classes org.onewindow.benchmark.ProfileSummary target/benchmark/load.jfr}; with
 * {@code --sides} after the file, the two sides of a throughput run compared method by method.
 */
public final class ProfileSummary {
  private static final Map<String, String> LAYERS = new LinkedHashMap<>();
  /** Libraries project code calls directly; their time inside a project call is the project's. */
  private static final List<String> CALLED = List.of("java.", "jdk.", "sun.", "org.postgresql.", "org.h2.",
      "com.zaxxer.hikari.", "com.fasterxml.jackson.", "org.springframework.jdbc.", "org.springframework.web.client.",
      "org.springframework.http.", "org.springframework.core.", "org.springframework.util.");

  static {
    LAYERS.put("org.onewindow.", "OneWindow");
    LAYERS.put("org.camunda.bpm.engine.impl.el.", "engine: expressions");
    LAYERS.put("org.camunda.bpm.engine.impl.juel.", "engine: expressions");
    LAYERS.put("org.camunda.", "engine");
    LAYERS.put("org.apache.ibatis.", "MyBatis");
    LAYERS.put("org.postgresql.", "JDBC driver");
    LAYERS.put("com.zaxxer.hikari.", "connection pool");
    LAYERS.put("com.fasterxml.jackson.", "JSON");
    LAYERS.put("org.springframework.", "Spring");
    LAYERS.put("org.apache.catalina.", "HTTP server");
    LAYERS.put("org.apache.tomcat.", "HTTP server");
    LAYERS.put("java.", "JDK");
    LAYERS.put("jdk.", "JDK");
    LAYERS.put("sun.", "JDK");
  }

  private ProfileSummary() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 && "--sides".equals(args[1])) {
      sides(Path.of(args[0]));
      return;
    }
    int total = 0;
    int throughOneWindow = 0;
    Map<String, Integer> innermost = new TreeMap<>();
    Map<String, Integer> oneWindowMethods = new TreeMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      total++;
      innermost.merge(layer(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
      // OneWindow's cost: samples in project code or in libraries it calls directly (JDBC, JSON,
      // the HTTP client), found by walking down from the innermost frame through such libraries
      // only. Work the engine, MyBatis or the servlet container does inside a project frame (a
      // process started at intake, a statement passing an interceptor, a request passing a
      // filter) is theirs.
      String entry = null;
      for (RecordedFrame f : frames) {
        String type = f.getMethod().getType().getName();
        if (type.startsWith("org.onewindow.") && !type.startsWith("org.onewindow.benchmark.")) {
          entry = type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
          break;
        }
        if (CALLED.stream().noneMatch(type::startsWith)) {
          break;
        }
      }
      if (entry != null) {
        throughOneWindow++;
        oneWindowMethods.merge(entry, 1, Integer::sum);
      }
    }
    System.out.printf("execution samples: %d; in OneWindow code and what it calls directly: %.1f %%%n",
        total, 100.0 * throughOneWindow / total);
    System.out.println("innermost frame by layer:");
    print(innermost, total, 20);
    System.out.println("OneWindow methods (innermost project frame):");
    print(oneWindowMethods, total, 15);
  }

  /**
   * The two sides of a throughput run compared method by method: each run's driving threads are a
   * pool of their own ({@code pool-N-thread-M}), told OneWindow's or bare by the starter method
   * on their stacks; for every method, the samples with it on the stack on each side (each side
   * runs the same number of cases), largest difference first. Record with a deep stack
   * ({@code -XX:FlightRecorderOptions:stackdepth=512}): the engine's stacks are deeper than the
   * default 64 frames, and a truncated stack cannot be told to a side.
   */
  private static void sides(Path recording) throws java.io.IOException {
    List<RecordedEvent> samples = new java.util.ArrayList<>();
    Map<String, String> side = new java.util.HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
        continue;
      }
      String pool = pool(event);
      if (pool == null) {
        continue;
      }
      samples.add(event);
      for (RecordedFrame f : event.getStackTrace().getFrames()) {
        String method = f.getMethod().getName();
        if (method.equals("startOneWindow")) {
          side.put(pool, "OneWindow");
        } else if (method.equals("startBare")) {
          side.put(pool, "bare");
        }
      }
    }
    Map<String, int[]> inclusive = new java.util.HashMap<>();
    int[] totals = new int[2];
    for (RecordedEvent event : samples) {
      String s = side.get(pool(event));
      if (s == null) {
        continue;
      }
      int i = s.equals("OneWindow") ? 0 : 1;
      totals[i]++;
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame f : event.getStackTrace().getFrames()) {
        String method = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        if (seen.add(method)) {
          inclusive.computeIfAbsent(method, k -> new int[2])[i]++;
        }
      }
    }
    System.out.printf("driving threads' samples: OneWindow %d, bare %d%n", totals[0], totals[1]);
    System.out.println(" OneWindow   bare   diff  method (samples with it on the stack)");
    inclusive.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue()[0] - b.getValue()[1], a.getValue()[0] - a.getValue()[1]))
        .limit(80)
        .forEach(e -> System.out.printf("%10d %6d %+6d  %s%n", e.getValue()[0], e.getValue()[1],
            e.getValue()[0] - e.getValue()[1], e.getKey()));
  }

  private static String pool(RecordedEvent event) {
    jdk.jfr.consumer.RecordedThread thread = event.getThread("sampledThread");
    String name = thread == null ? null : thread.getJavaName();
    return name == null || !name.startsWith("pool-") ? null : name.substring(0, name.indexOf("-thread"));
  }

  private static String layer(String type) {
    for (Map.Entry<String, String> e : LAYERS.entrySet()) {
      if (type.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return "other";
  }

  private static void print(Map<String, Integer> counts, int total, int max) {
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(max)
        .forEach(e -> System.out.printf("  %-60s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
  }
}
