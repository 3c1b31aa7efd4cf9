package org.onewindow.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
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
  @Autowired ProcessEngineConfiguration configuration;

  private static final AtomicInteger APPLICANTS = new AtomicInteger();

  private final List<String> mix = new ArrayList<>();

  static {
    BenchmarkDatabase.recreateOnce();
  }

  record Result(String name, int cases, double seconds, Stats start, Stats complete, long dbBytes,
      Map<String, Long> rowWrites, Map<String, double[]> statements, Map<String, Long> cpu) {
    double throughput() {
      return cases / seconds;
    }

    /** The share of the machine's CPU time that was busy during this side's rounds (NaN without /proc). */
    double busyShare() {
      Long all = cpu.get(CpuTime.MACHINE_ALL);
      return all == null || all == 0 ? Double.NaN : (double) cpu.get(CpuTime.MACHINE_BUSY) / all;
    }

    /** Two rounds of the same side taken together. */
    static Result add(Result a, Result b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      a.start().addAll(b.start());
      a.complete().addAll(b.complete());
      Map<String, Long> writes = new java.util.TreeMap<>(a.rowWrites());
      b.rowWrites().forEach((table, n) -> writes.merge(table, n, Long::sum));
      Map<String, double[]> statements = new HashMap<>(a.statements());
      b.statements().forEach((sql, v) -> statements.merge(sql, v, StatementStats::plus));
      Map<String, Long> cpu = new LinkedHashMap<>(a.cpu());
      b.cpu().forEach((where, n) -> cpu.merge(where, n, Long::sum));
      return new Result(a.name(), a.cases() + b.cases(), a.seconds() + b.seconds(), a.start(), a.complete(),
          a.dbBytes() < 0 ? -1 : a.dbBytes() + b.dbBytes(), writes, statements, cpu);
    }
  }

  @Test
  void oneWindowSideBySideWithBareCamunda() throws Exception {
    String mode = System.getProperty("benchmark.mode", "throughput");
    org.junit.jupiter.api.Assumptions.assumeTrue(mode.isBlank() || "throughput".equals(mode),
        "throughput mode runs without -Dbenchmark.mode (or with -Dbenchmark.mode=throughput)");
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
    withoutOneWindowListeners();

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
      List<Double> roundRatios = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        int chunk = CASES / ROUNDS + (round < CASES % ROUNDS ? 1 : 0);
        Result o;
        Result b = null;
        if (!BARE) {
          o = run("OneWindow", chunk, this::startOneWindow);
        } else if (round % 2 == 0) {
          b = run("bare Camunda", chunk, this::startBare);
          o = run("OneWindow", chunk, this::startOneWindow);
        } else {
          o = run("OneWindow", chunk, this::startOneWindow);
          b = run("bare Camunda", chunk, this::startBare);
        }
        if (b != null) {
          roundRatios.add(o.throughput() / b.throughput());
        }
        ow = Result.add(ow, o);
        bare = Result.add(bare, b);
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
      ProcessEngineConfigurationImpl settings = (ProcessEngineConfigurationImpl) configuration;
      out.append(String.format("engine: history level %s, history cleanup %s, removal time strategy %s%n",
          settings.getHistoryLevel().getName(), settings.getHistoryCleanupStrategy(),
          settings.getHistoryRemovalTimeStrategy()));
      out.append(String.format("%-14s %10s %10s%n", "", "cases/s", "DB KiB/1000"));
      if (bare == null) {
        bare = new Result("bare Camunda (not run)", 1, Double.NaN, new Stats(), new Stats(), -1, Map.of(), Map.of(),
            Map.of());
      }
      out.append(String.format("OneWindow: %d cases in %.1f min%n", ow.cases(), ow.seconds() / 60));
      for (Result r : List.of(ow, bare)) {
        out.append(String.format("%-14s %10.1f %10s%n", r.name(), r.throughput(),
            r.dbBytes() < 0 ? "n/a" : String.valueOf(r.dbBytes() * 1000 / r.cases() / 1024)));
      }
      out.append(String.format("ratio OneWindow / bare throughput: %.2f%n", ow.throughput() / bare.throughput()));
      if (!roundRatios.isEmpty()) {
        // Each round's pair ran back to back: their spread shows how far the machine moved the figure.
        out.append(roundRatios.stream().map(r -> String.format("%.2f", r))
            .collect(java.util.stream.Collectors.joining(" ", "ratio in each round: ", "")));
        out.append(String.format(" (lowest %.2f, highest %.2f)%n", java.util.Collections.min(roundRatios),
            java.util.Collections.max(roundRatios)));
      }
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
      statementReport(ow, bare, out);
      cpuReport(ow, bare, out);
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
    Map<String, double[]> statementsBefore = StatementStats.snapshot(jdbc);
    Map<String, Long> cpuBefore = CpuTime.snapshot();
    AtomicLong driving = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
          long s = System.nanoTime();
          String pid = starter.apply(i);
          start.add(System.nanoTime() - s);
          drive(pid, complete);
        }
        driving.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }));
    }
    pool.shutdown();
    if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
      throw new IllegalStateException(name + " did not finish");
    }
    for (java.util.concurrent.Future<?> worker : workers) {
      try {
        worker.get(); // a case that failed fails the run: its figures would mean nothing
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(name + ": a case failed", e.getCause());
      }
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
    Map<String, double[]> statements = StatementStats.since(statementsBefore, StatementStats.snapshot(jdbc));
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpu.put(DRIVING, driving.get());
    // A thread family first seen during the run counts from zero; a total missing before, not at all.
    CpuTime.snapshot().forEach((where, n) -> cpu.put(where,
        n - cpuBefore.getOrDefault(where,
            where.startsWith(CpuTime.OTHER_FAMILY) || where.startsWith(CpuTime.POOL_FAMILY) ? 0L : n)));
    return new Result(name, cases, seconds, start, complete, sizeBefore < 0 ? -1 : size - sizeBefore, writes,
        statements, cpu);
  }

  static final String DRIVING = "threads driving the cases (engine and OneWindow's code)";

  /**
   * CPU per case on each side, by where it was spent. On a machine where the database and the
   * simulators share the cores with OneWindow, throughput follows the sum; the split shows which
   * part OneWindow's additions weigh on.
   */
  private static void cpuReport(Result ow, Result bare, StringBuilder out) {
    out.append("CPU per case (ms), by where it was spent:\n");
    long owTotal = 0;
    long bareTotal = 0;
    for (String where : ow.cpu().keySet()) {
      long o = ow.cpu().get(where);
      long b = bare.cpu().getOrDefault(where, 0L);
      if (CpuTime.inNoTotal(where)) {
        continue; // a detail of the other threads, below; the driving threads, measured by themselves
      }
      owTotal += o;
      bareTotal += b;
      out.append(String.format("  %-55s OneWindow %6.2f  bare %6.2f%n", where, o / 1e6 / ow.cases(),
          b / 1e6 / bare.cases()));
    }
    out.append(String.format("  %-55s OneWindow %6.2f  bare %6.2f  (ratio bare / OneWindow %.2f)%n", "total",
        owTotal / 1e6 / ow.cases(), bareTotal / 1e6 / bare.cases(),
        ((double) bareTotal / bare.cases()) / ((double) owTotal / ow.cases())));
    // Whether the two cores were the limit: below 100 %, the cases also waited (commits, round trips).
    out.append(String.format("  the machine's cores (every process) busy during the runs: OneWindow %.0f %%  bare %.0f %%%n",
        100 * ow.busyShare(), 100 * bare.busyShare()));
    // Which of the other threads: the JVM's own (GC, JIT) or a library's pool (HTTP client, scheduler).
    out.append("  the other JVM threads by name, 0.05 ms or more on either side:\n");
    for (String where : ow.cpu().keySet()) {
      double o = ow.cpu().get(where) / 1e6 / ow.cases();
      double b = bare.cpu().getOrDefault(where, 0L) / 1e6 / bare.cases();
      if (where.startsWith(CpuTime.OTHER_FAMILY) && Math.max(o, b) >= 0.05) {
        out.append(String.format("    %-53s OneWindow %6.2f  bare %6.2f%n",
            where.substring(CpuTime.OTHER_FAMILY.length()), o, b));
      }
    }
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

  /**
   * OneWindow's engine plugins add listeners to every user task the engine parses (the case
   * clock's due date); the bare models must not run them. Removes the project's built-in task
   * listeners from the cached bare definitions, leaving the engine's own (history) in place.
   */
  private void withoutOneWindowListeners() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    DeploymentCache cache = engine.getDeploymentCache();
    int removed = 0;
    for (ProcessDefinition d : repository.createProcessDefinitionQuery()
        .processDefinitionKeyIn(BareModels.COMMITMENT, BareModels.IMMEDIATE, BareModels.ENTERPRISE).list()) {
      removed += engine.getCommandExecutorTxRequired().execute(context ->
          withoutOneWindowListeners(cache.findDeployedProcessDefinitionById(d.getId())));
    }
    if (removed == 0) {
      throw new IllegalStateException("no OneWindow task listener found on the bare models: check this method");
    }
    System.out.println("OneWindow task listeners taken off the bare models: " + removed);
  }

  private static int withoutOneWindowListeners(ScopeImpl scope) {
    int removed = 0;
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        TaskDefinition task = userTask.getTaskDefinition();
        for (Map.Entry<String, List<TaskListener>> listeners : task.getBuiltinTaskListeners().entrySet()) {
          int before = listeners.getValue().size();
          listeners.getValue().removeIf(LoadBenchmarkTest::isOneWindows);
          removed += before - listeners.getValue().size();
          // the engine fires the merged list it built when the listener was added
          List<TaskListener> all = task.getAllTaskListenersForEvent(listeners.getKey());
          if (all != null) {
            all.removeIf(LoadBenchmarkTest::isOneWindows);
          }
        }
      }
      removed += withoutOneWindowListeners(activity);
    }
    return removed;
  }

  private static boolean isOneWindows(TaskListener listener) {
    return listener.getClass().getName().startsWith("org.onewindow.");
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

  /** Statements per case on each side and the ones OneWindow adds the most database time with. */
  private static void statementReport(Result ow, Result bare, StringBuilder out) {
    if (ow.statements().isEmpty()) {
      out.append("statements per case: pg_stat_statements is not loaded on this server\n");
      return;
    }
    if (bare.statements().isEmpty()) { // OneWindow alone (-Dbenchmark.bare=false)
      double[] o = StatementStats.total(ow.statements());
      out.append(String.format("statements per case (pg_stat_statements): OneWindow %.1f (%.2f ms in the database),"
          + " %.1f plans (%.2f ms planning; 0 unless pg_stat_statements.track_planning is on)%n",
          o[StatementStats.CALLS] / ow.cases(), o[StatementStats.TIME] / ow.cases(),
          o[StatementStats.PLANS] / ow.cases(), o[StatementStats.PLAN_TIME] / ow.cases()));
      StatementStats.appendCostliest(out, ow.statements(), ow.cases(), 10, 110);
      return;
    }
    double[] o = StatementStats.total(ow.statements());
    double[] b = StatementStats.total(bare.statements());
    out.append(String.format("statements per case (pg_stat_statements): OneWindow %.1f (%.2f ms in the database)"
        + "  bare %.1f (%.2f ms)%n", o[0] / ow.cases(), o[1] / ow.cases(), b[0] / bare.cases(), b[1] / bare.cases()));
    if (o[StatementStats.PLANS] + b[StatementStats.PLANS] > 0) {
      out.append(String.format("  plans per case: OneWindow %.1f (%.2f ms planning)  bare %.1f (%.2f ms)%n",
          o[StatementStats.PLANS] / ow.cases(), o[StatementStats.PLAN_TIME] / ow.cases(),
          b[StatementStats.PLANS] / bare.cases(), b[StatementStats.PLAN_TIME] / bare.cases()));
    } else {
      out.append("  plans per case: not tracked (pg_stat_statements.track_planning is off)\n");
    }
    out.append("  the statements with the most added database time per case (calls and ms per case):\n");
    java.util.Set<String> all = new java.util.HashSet<>(ow.statements().keySet());
    all.addAll(bare.statements().keySet());
    all.stream()
        .map(sql -> {
          double[] x = ow.statements().getOrDefault(sql, new double[4]);
          double[] y = bare.statements().getOrDefault(sql, new double[4]);
          return Map.entry(sql, new double[] {x[0] / ow.cases(), x[1] / ow.cases(), y[0] / bare.cases(),
              y[1] / bare.cases()});
        })
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[1] - e.getValue()[3])
            .reversed())
        .limit(20)
        .forEach(e -> out.append(String.format("  OneWindow %5.2f x %6.3f ms  bare %5.2f x %6.3f ms  %s%n",
            e.getValue()[0], e.getValue()[0] == 0 ? 0 : e.getValue()[1] / e.getValue()[0], e.getValue()[2],
            e.getValue()[2] == 0 ? 0 : e.getValue()[3] / e.getValue()[2],
            e.getKey().length() > 110 ? e.getKey().substring(0, 110) + "…" : e.getKey())));
    // The bare side runs no project code; project statements in its windows are the background
    // work of OneWindow's own cases (the SMS outbox), and should be few.
    bare.statements().entrySet().stream().filter(e -> e.getKey().matches("(?is).*\\bow_.*"))
        .forEach(e -> out.append(String.format("  during the bare runs: %5.2f per case  %s%n",
            e.getValue()[0] / bare.cases(), e.getKey().length() > 100 ? e.getKey().substring(0, 100) + "…" : e.getKey())));
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
