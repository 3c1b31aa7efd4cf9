package org.onewindow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onewindow.department.DepartmentCapability;
import org.onewindow.department.HttpDepartmentClient;
import org.onewindow.department.simulator.DepartmentSimulatorApplication;
import org.onewindow.web.OutboundHttp;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The cost of one call to a department's system, by HTTP client: OneWindow's
 * ({@link OutboundHttp}, Apache HttpClient's blocking client) side by side with the JDK's
 * HttpClient it replaced, against the department simulator on a real port in this JVM. Prints
 * this process's CPU per call (client, its threads and the simulator answering), the calling
 * thread's share, and the wall time, and the ratios. Run with
 * {@code mvn verify -Pbenchmark -Dbenchmark.mode=http}.
 */
@Tag("benchmark")
class OutboundHttpBenchmarkTest {
  private static final int CALLS = Integer.getInteger("benchmark.calls", 3000);
  private static final int ROUNDS = 3;

  record Cost(double processCpu, double callerCpu, double wall) {
    Cost plus(Cost o) {
      return new Cost(processCpu + o.processCpu, callerCpu + o.callerCpu, wall + o.wall);
    }
  }

  @Test
  void oneWindowsClientSideBySideWithTheJdkClient() {
    org.junit.jupiter.api.Assumptions.assumeTrue("http".equals(System.getProperty("benchmark.mode")),
        "the HTTP client benchmark runs with -Dbenchmark.mode=http");
    ConfigurableApplicationContext simulator = DepartmentSimulatorApplication.start("--server.port=0");
    try (OutboundHttp http = new OutboundHttp()) {
      String base = "http://127.0.0.1:" + simulator.getEnvironment().getProperty("local.server.port")
          + "/simulator/market";
      String token = simulator.getEnvironment().getProperty("onewindow.simulator.tokens.market");
      JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());
      jdk.setReadTimeout(Duration.ofSeconds(5));
      Map<String, RestClient> clients = new LinkedHashMap<>();
      clients.put("JDK HttpClient", client(base, jdk));
      clients.put("OneWindow (OutboundHttp)", client(base, http.requestFactory(Duration.ofSeconds(2),
          Duration.ofSeconds(5))));

      clients.forEach((name, client) -> calls(name, "warm-up", client, token, CALLS));
      Map<String, Cost> costs = new LinkedHashMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        for (Map.Entry<String, RestClient> e : clients.entrySet()) {
          costs.merge(e.getKey(), calls(e.getKey(), "round" + round, e.getValue(), token, CALLS), Cost::plus);
        }
      }

      StringBuilder out = new StringBuilder(String.format(
          "%nOutbound HTTP benchmark: %d calls x %d rounds per client to the department simulator (POST, JSON, keep-alive)%n",
          CALLS, ROUNDS));
      costs.forEach((name, c) -> out.append(String.format(
          "  %-26s process CPU %6.3f ms/call  calling thread %6.3f ms/call  wall %6.3f ms/call%n",
          name, c.processCpu / ROUNDS, c.callerCpu / ROUNDS, c.wall / ROUNDS)));
      Cost jdkCost = costs.get("JDK HttpClient");
      Cost ours = costs.get("OneWindow (OutboundHttp)");
      out.append(String.format("  ratio OneWindow / JDK: process CPU %.2f, wall %.2f%n",
          ours.processCpu / jdkCost.processCpu, ours.wall / jdkCost.wall));
      System.out.println(out);
    } finally {
      simulator.close();
    }
  }

  private static RestClient client(String base, ClientHttpRequestFactory factory) {
    return RestClient.builder().baseUrl(base).requestFactory(factory).build();
  }

  /** Per call, in ms. Every call must register: a failed call would time the error path instead. */
  private static Cost calls(String name, String round, RestClient client, String token, int n) {
    long process = CpuTime.process();
    long caller = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int status = client.post().uri("/{capability}", DepartmentCapability.BUSINESS_REGISTRATION.path())
          .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
          .header(HttpDepartmentClient.IDEMPOTENCY_KEY, name + round + i)
          .headers(h -> h.setBearerAuth(token))
          .body(Map.of("receiptNumber", "BENCH" + i, "enterpriseName", name + round + "企业" + i, "applicantName", "张三"))
          .exchange((request, response) -> {
            response.getBody().readAllBytes();
            return response.getStatusCode().value();
          }, true);
      assertThat(status).as("%s call %d", name, i).isEqualTo(201);
    }
    return new Cost((CpuTime.process() - process) / 1e6 / n,
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - caller) / 1e6 / n,
        (System.nanoTime() - wall) / 1e6 / n);
  }
}
