package org.onewindow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load benchmark (README, "Performance"): N full cases of OneWindow's real processes with
 * the demo catalog's mix, then N cases of bare models of the same shape, in the same run on the
 * same database, and the ratio of the two throughputs. Run with {@code mvn verify -Pbenchmark}
 * ({@code -Dbenchmark.cases=}, {@code -Dbenchmark.threads=}); not part of the normal suite.
 *
 * <p>Both sides are driven identically: every user task is completed through the engine API by a
 * member of its candidate group, and asynchronous jobs are executed by the driving thread right
 * after the step that created them (the job executor's acquisition latency is not measured).
 */
@Tag("benchmark")
@OneWindowIntegrationTest
class LoadBenchmarkTest {
  private static final int CASES = Integer.getInteger("benchmark.cases", 2000);
  private static final int THREADS = Integer.getInteger("benchmark.threads", 4);
  private static final int OPEN = Integer.getInteger("benchmark.open", 500);
  private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
  /** -Dbenchmark.bare=false runs OneWindow alone, e.g. to replay the county's year (35,189 cases). */
  private static final boolean BARE = !"false".equals(System.getProperty("benchmark.bare"));

  /** The demo catalog's mix: item code and weight (immediate items are about 40 % of cases). */
  private static final String[][] MIX = {
      {"GT-DJ", "25"}, {"TZ-BA", "15"}, {"SP-JY", "15"}, {"JS-GH", "10"}, {"JS-SG", "15"}, {"LS-ZD", "10"},
      {"QY-KB", "10"}};

  /** What each user task is answered with, on both sides: the happy path. */
  private static final Map<String, Map<String, Object>> ANSWERS = Map.of(
      "acceptance", Map.of("acceptanceDecision", "ACCEPT"),
      "jointReview", Map.of("reviewOpinion", "AGREE"),
      "siteInspection", Map.of("inspectionResult", "PASS"),
      "decision", Map.of("decision", "APPROVE"),
      "windowHandling", Map.of("decision", "APPROVE"),
      "pickup", Map.of("pickedUpBy", "取件人"));

  @Autowired IntakeService intake;
  @Autowired Catalog catalog;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired JdbcTemplate jdbc;

  private static final AtomicInteger APPLICANTS = new AtomicInteger();

  private final List<String> mix = new ArrayList<>();

  static {
    BenchmarkDatabase.recreateOnce();
  }

  record Result(String name, int cases, double seconds, Stats start, Stats complete, long dbBytes,
      Map<String, Long> rowWrites) {
    double throughput() {
      return cases / seconds;
    }

    /** Two rounds of the same side taken together. */
    static Result add(Result a, Result b) {
      if (a == null) {
        return b;
      }
      a.start().addAll(b.start());
      a.complete().addAll(b.complete());
      Map<String, Long> writes = new java.util.TreeMap<>(a.rowWrites());
      b.rowWrites().forEach((table, n) -> writes.merge(table, n, Long::sum));
      return new Result(a.name(), a.cases() + b.cases(), a.seconds() + b.seconds(), a.start(), a.complete(),
          a.dbBytes() < 0 ? -1 : a.dbBytes() + b.dbBytes(), writes);
    }
  }

  @Test
  void oneWindowSideBySideWithBareCamunda() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse("fill".equals(System.getProperty("benchmark.mode")),
        "throughput mode runs without -Dbenchmark.mode=fill");
    for (String[] entry : MIX) {
      if (catalog.item(entry[0]).isPresent()) {
        for (int i = 0; i < Integer.parseInt(entry[1]); i++) {
          mix.add(entry[0]);
        }
      }
    }
    repository.createDeployment().name("bare benchmark models")
        .addModelInstance("bare-commitment.bpmn", BareModels.commitment())
        .addModelInstance("bare-immediate.bpmn", BareModels.immediate())
        .addModelInstance("bare-enterprise.bpmn", BareModels.enterprise())
        .enableDuplicateFiltering(true).deploy();

    StringBuilder out = new StringBuilder();
    String statistics = BenchmarkDatabase.keepStatisticsCurrent(jdbc.getDataSource());
    try (HeapMonitor heap = new HeapMonitor()) {
      // Warm-up on both sides, so neither pays for class loading and caches alone.
      run("warm-up OneWindow", Math.min(200, CASES), this::startOneWindow);
      if (BARE) {
        run("warm-up bare", Math.min(200, CASES), this::startBare);
      }

      // Interleaved rounds, alternating which side goes first, so a change in the machine's load
      // during the run weighs on both sides alike.
      Result bare = null;
      Result ow = null;
      for (int round = 0; round < ROUNDS; round++) {
        int chunk = CASES / ROUNDS + (round < CASES % ROUNDS ? 1 : 0);
        if (!BARE) {
          ow = Result.add(ow, run("OneWindow", chunk, this::startOneWindow));
        } else if (round % 2 == 0) {
          bare = Result.add(bare, run("bare Camunda", chunk, this::startBare));
          ow = Result.add(ow, run("OneWindow", chunk, this::startOneWindow));
        } else {
          ow = Result.add(ow, run("OneWindow", chunk, this::startOneWindow));
          bare = Result.add(bare, run("bare Camunda", chunk, this::startBare));
        }
      }

      for (int i = 0; i < OPEN; i++) {
        startOneWindow(i); // left open at the window: the clerk's queue below sees them
      }
      BenchmarkDatabase.analyze(jdbc.getDataSource());
      Stats queue = new Stats();
      for (int i = 0; i < 200; i++) {
        as("window");
        long t0 = System.nanoTime();
        tasks.createTaskQuery().taskCandidateGroup("window").orderByDueDate().asc().listPage(0, 15);
        queue.add(System.nanoTime() - t0);
      }
      identity.clearAuthentication();

      out.append(String.format("%nOneWindow load benchmark, %s, %d cases per side, %d threads, database %s (%s)%n",
          LocalDateTime.now().withNano(0), CASES, THREADS, database(), statistics));
      out.append(String.format("%-14s %10s %10s%n", "", "cases/s", "DB KiB/1000"));
      if (bare == null) {
        bare = new Result("bare Camunda (not run)", 1, Double.NaN, new Stats(), new Stats(), -1, Map.of());
      }
      out.append(String.format("OneWindow: %d cases in %.1f min%n", ow.cases(), ow.seconds() / 60));
      for (Result r : List.of(ow, bare)) {
        out.append(String.format("%-14s %10.1f %10s%n", r.name(), r.throughput(),
            r.dbBytes() < 0 ? "n/a" : String.valueOf(r.dbBytes() * 1000 / r.cases() / 1024)));
      }
      out.append(String.format("ratio OneWindow / bare throughput: %.2f%n", ow.throughput() / bare.throughput()));
      out.append(String.format("start a case     OneWindow %s%n                 bare      %s%n",
          ow.start().summary(), bare.start().summary()));
      out.append(String.format("complete a task  OneWindow %s%n                 bare      %s%n",
          ow.complete().summary(), bare.complete().summary()));
      out.append(String.format("clerk's queue query (window, by due date, first page, %d open cases): %s%n",
          runtime.createProcessInstanceQuery().count(), queue.summary()));
      out.append(String.format("peak heap: %d MiB%n", heap.peakBytes() / (1024 * 1024)));
      out.append("rows written per case (inserts + updates + deletes), by table:\n");
      java.util.Set<String> tables = new java.util.TreeSet<>(ow.rowWrites().keySet());
      tables.addAll(bare.rowWrites().keySet());
      long owTotal = 0;
      long bareTotal = 0;
      for (String table : tables) {
        long o = ow.rowWrites().getOrDefault(table, 0L);
        long b = bare.rowWrites().getOrDefault(table, 0L);
        owTotal += o;
        bareTotal += b;
        out.append(String.format("  %-28s OneWindow %6.1f  bare %6.1f%n", table, (double) o / ow.cases(),
            (double) b / bare.cases()));
      }
      out.append(String.format("  %-28s OneWindow %6.1f  bare %6.1f%n", "total", (double) owTotal / ow.cases(),
          (double) bareTotal / bare.cases()));
    }
    System.out.println(out);
    Path file = Path.of("target", "benchmark", "results.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
  }

  private Result run(String name, int cases, IntFunction<String> starter) throws InterruptedException {
    Stats start = new Stats();
    Stats complete = new Stats();
    AtomicInteger next = new AtomicInteger();
    long sizeBefore = databaseSize();
    Map<String, Long> writesBefore = rowWrites();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long t0 = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
          long s = System.nanoTime();
          String pid = starter.apply(i);
          start.add(System.nanoTime() - s);
          drive(pid, complete);
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
      throw new IllegalStateException(name + " did not finish");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long size = databaseSize();
    Map<String, Long> writes = new java.util.TreeMap<>();
    rowWrites().forEach((table, n) -> {
      long delta = n - writesBefore.getOrDefault(table, 0L);
      if (delta > 0) {
        writes.put(table, delta);
      }
    });
    return new Result(name, cases, seconds, start, complete, sizeBefore < 0 ? -1 : size - sizeBefore, writes);
  }

  private String startOneWindow(int i) {
    as("window");
    try {
      Map<String, Object> a = Applications.organisation(mix.get(i % mix.size()), List.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) a.get("applicant");
      CatalogItem item = catalog.require((String) a.get("itemCode"));
      // Every applicant a different enterprise: the simulated registry refuses a name taken twice.
      String name = p.get("name") + "（" + APPLICANTS.incrementAndGet() + "）";
      return intake.receive(new Application(item.code(), "WINDOW", "ORGANIZATION", name, null,
          (String) p.get("creditCode"), (String) p.get("mobile"), item.materials())).processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
  }

  private String startBare(int i) {
    CatalogItem item = catalog.require(mix.get(i % mix.size()));
    as("window");
    try {
      Map<String, Object> vars = new HashMap<>();
      vars.put("departments", new ArrayList<>(item.reviewDepartments()));
      vars.put("leadDepartment", item.leadDepartment());
      vars.put("siteInspection", item.siteInspection());
      String key = switch (item.processKey()) {
        case "immediate-item" -> BareModels.IMMEDIATE;
        case "enterprise-establishment" -> BareModels.ENTERPRISE;
        default -> BareModels.COMMITMENT;
      };
      return runtime.startProcessInstanceByKey(key, "BARE" + i, vars).getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Completes every task of the case as a member of its queue, running jobs in between. */
  private void drive(String pid, Stats complete) {
    for (int step = 0; step < 200; step++) {
      runJobs(pid);
      List<Task> open = tasks.createTaskQuery().processInstanceId(pid).list();
      if (open.isEmpty()) {
        if (runtime.createProcessInstanceQuery().processInstanceId(pid).count() == 0) {
          return;
        }
        continue;
      }
      for (Task task : open) {
        String group = tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(IdentityLink::getGroupId).findFirst().orElse("window");
        as(group);
        try {
          long t0 = System.nanoTime();
          tasks.complete(task.getId(), ANSWERS.getOrDefault(task.getTaskDefinitionKey(), Map.of()));
          complete.add(System.nanoTime() - t0);
        } finally {
          identity.clearAuthentication();
        }
      }
    }
    throw new IllegalStateException("Case " + pid + " did not finish in 200 steps");
  }

  private void runJobs(String pid) {
    for (int i = 0; i < 50; i++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(pid).executable().listPage(0, 1);
      if (jobs.isEmpty()) {
        return;
      }
      management.executeJob(jobs.get(0).getId());
    }
  }

  private void as(String group) {
    identity.setAuthentication("bench-" + group, List.of(group));
  }

  private String database() {
    return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName() + " "
        + c.getMetaData().getDatabaseProductVersion());
  }

  /** Rows inserted, updated and deleted per table so far (PostgreSQL's statistics; empty elsewhere). */
  private Map<String, Long> rowWrites() {
    try {
      Thread.sleep(1500); // let the backends flush their statistics
      Map<String, Long> writes = new HashMap<>();
      jdbc.query("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables",
          (java.sql.ResultSet rs) -> {
            writes.put(rs.getString(1), rs.getLong(2));
          });
      return writes;
    } catch (RuntimeException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  private long databaseSize() {
    try {
      return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
    } catch (RuntimeException e) {
      return -1; // not PostgreSQL
    }
  }

}
