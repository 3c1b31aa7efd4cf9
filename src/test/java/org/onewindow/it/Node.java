package org.onewindow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.onewindow.it.hook.ClockHook;

/**
 * One OneWindow JVM started from the packaged jar ({@code target/onewindow-*.jar}, built by
 * {@code package} before failsafe runs), on a free port, with its output in
 * {@code target/it-logs/<name>.log}. {@link #kill()} sends SIGKILL, {@link #terminate()} SIGTERM.
 */
public final class Node implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path LOGS = Path.of("target", "it-logs");

  public final String name;
  public final int port;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  private Node(String name, int port, List<String> command, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.command = command;
    this.environment = environment;
    this.log = LOGS.resolve(name + ".log");
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("onewindow.it.jar", "target/onewindow-0.1.0-SNAPSHOT.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No application jar at " + jar + ": the ITs run in `mvn verify` after `package`");
    }
    return jar;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A builder for a OneWindow node; {@code args} are Spring properties ({@code --key=value}). */
  public static Builder oneWindow(String name) {
    return new Builder(name, "org.onewindow.OneWindowApplication");
  }

  /** The department simulator on its own (no engine, no database). */
  public static Builder simulator(String name) {
    return new Builder(name, "org.onewindow.department.simulator.DepartmentSimulatorApplication");
  }

  public static final class Builder {
    private final String name;
    private final String main;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int port = freePort();
    private boolean clockHook;

    private Builder(String name, String main) {
      this.name = name;
      this.main = main;
    }

    public Builder property(String key, Object value) {
      properties.put(key, String.valueOf(value));
      return this;
    }

    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Demo profile (demo users, simulator) on the given PostgreSQL database. */
    public Builder demoOn(String database) {
      return property("spring.profiles.active", "demo").database(database);
    }

    public Builder database(String database) {
      return property("spring.datasource.url", Postgres.url(database))
          .property("spring.datasource.username", Postgres.USER)
          .property("spring.datasource.password", "");
    }

    /** Every department of this node talks to the simulator at that base (e.g. http://127.0.0.1:8081/simulator). */
    public Builder departmentsAt(String simulatorBase) {
      for (String d : List.of("market", "police", "tax", "social", "bank", "drc", "resources", "housing", "enforcement")) {
        property("onewindow.departments.systems." + d + ".base-url", simulatorBase + "/" + d);
        property("onewindow.departments.systems." + d + ".token", "demo-" + d + "-token");
      }
      return this;
    }

    /** Adds the test-only {@link ClockHook} (POST /it-hook/clock). */
    public Builder clockHook() {
      this.clockHook = true;
      return this;
    }

    public Node start() {
      return build().start();
    }

    public Node build() {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
          "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8", "-Dloader.main=" + main));
      if (clockHook) {
        cmd.add("-Dloader.path=" + hookClasses());
      }
      cmd.addAll(List.of("-cp", jar().toAbsolutePath().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
      properties.put("server.port", String.valueOf(port));
      properties.putIfAbsent("spring.main.banner-mode", "off");
      properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
      return new Node(name, port, List.copyOf(cmd), Map.copyOf(environment));
    }

    /** Only the hook's classes, so nothing else of the tests is scanned into the application. */
    private static Path hookClasses() {
      try {
        Path dir = Files.createTempDirectory("onewindow-it-hook");
        String pkg = ClockHook.class.getPackageName().replace('.', '/');
        Path target = Files.createDirectories(dir.resolve(pkg));
        Path source = Path.of(ClockHook.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(pkg);
        try (var files = Files.list(source)) {
          for (Path f : files.filter(p -> p.getFileName().toString().startsWith(ClockHook.class.getSimpleName())).toList()) {
            Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        // Spring Boot finds the initializer through this folder's own spring.factories.
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/spring.factories"),
            "org.springframework.context.ApplicationContextInitializer=" + ClockHook.class.getName() + "\n");
        return dir;
      } catch (IOException | java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Starts the JVM (in a fresh working directory) without waiting. */
  public Node start() {
    try {
      Files.createDirectories(LOGS);
      Path work = Files.createTempDirectory("onewindow-it-" + name);
      ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().remove("SPRING_PROFILES_ACTIVE");
      pb.environment().putAll(environment);
      Files.writeString(log, "==== " + java.time.LocalDateTime.now() + " start " + name + " on port " + port + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
      // Whatever happens to the test, the JVMs it started end with it.
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until readiness answers UP; fails with the log's tail if the JVM dies or takes too long. */
  public Node awaitReady(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail(60));
      }
      if (status("/actuator/health/readiness") == 200) {
        return this;
      }
      sleep(250);
    }
    // Not ready: stop it here, the caller never gets hold of it to close it (a busy machine had
    // left a simulator JVM running after a failed test).
    String tail = tail(60);
    close();
    throw new AssertionError(name + " not ready after " + patience + ":\n" + tail);
  }

  /** HTTP status of an anonymous GET, or -1 when nothing answers. */
  public int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, nothing flushed; waits until the process is gone. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM: Spring Boot's graceful shutdown. */
  public void terminate() {
    process.destroy();
  }

  public int waitFor(Duration patience) {
    try {
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still running after " + patience);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  public String tail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
