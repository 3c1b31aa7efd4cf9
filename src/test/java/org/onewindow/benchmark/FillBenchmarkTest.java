package org.onewindow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The second benchmark mode: fills the database with open cases (default 100,000, {@code
 * -Dbenchmark.open=}) and measures the clerk's and a department's queue queries, the supervision
 * and statistics queries over HTTP, and how fast the warning/overdue timers are processed when all
 * deadlines fall due at once. Run with {@code mvn verify -Pbenchmark -Dbenchmark.mode=fill}.
 */
@Tag("benchmark")
@OneWindowIntegrationTest
class FillBenchmarkTest {
  private static final int OPEN = Integer.getInteger("benchmark.open", 100_000);
  private static final int THREADS = Integer.getInteger("benchmark.threads", 4);
  /** How many warning/overdue timers fall due at once in the timer phase. */
  private static final int DUE = Integer.getInteger("benchmark.due", 10_000);
  /** -Dbenchmark.timers=false measures the queries only (useful with -Dbenchmark.reuse=true). */
  private static final boolean TIMERS = !"false".equals(System.getProperty("benchmark.timers"));
  private static final List<String> COMMITMENT_ITEMS = List.of("SP-JY", "JS-GH", "JS-SG", "LS-ZD");

  @LocalServerPort int port;
  @Autowired IntakeService intake;
  @Autowired Catalog catalog;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  static {
    BenchmarkDatabase.recreateOnce();
  }

  @Test
  void queriesAndTimersWithManyOpenCases() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue("fill".equals(System.getProperty("benchmark.mode")),
        "fill mode runs with -Dbenchmark.mode=fill");
    StringBuilder out = new StringBuilder();
    String statistics = BenchmarkDatabase.keepStatisticsCurrent(dataSource);
    HeapMonitor heap = new HeapMonitor();
    long open = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_execution WHERE parent_id_ IS NULL", Long.class);
    if (BenchmarkDatabase.REUSE && open > 0) {
      out.append(String.format("%nOneWindow fill benchmark, %s, %d open cases (reused database; %s)%n",
          LocalDateTime.now().withNano(0), open, statistics));
    } else {
      long t0 = System.nanoTime();
      fill();
      double fillSeconds = (System.nanoTime() - t0) / 1e9;
      out.append(String.format("%nOneWindow fill benchmark, %s, %d open cases (filled in %.0f s, %.1f cases/s; %s)%n",
          LocalDateTime.now().withNano(0), OPEN, fillSeconds, OPEN / fillSeconds, statistics));
    }
    // The fill runs without the job executor: the continuations it left (the joint work's
    // asynchronous join) run now, as they would have during a day's work.
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) configuration).getJobExecutor();
    out.append(productionSettings(jobExecutor)).append('\n');
    jobExecutor.start();
    try {
      long pending = management.createJobQuery().executable().count();
      double drained = runDueJobs(jobExecutor);
      out.append(String.format("%d continuations left by the fill executed in %.1f s%n", pending, drained));
      BenchmarkDatabase.analyze(dataSource);
      out.append(String.format("open tasks %d, timer jobs %d, authorizations %d, database %d MiB%n",
          tasks.createTaskQuery().count(), management.createJobQuery().timers().count(),
          jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_authorization", Long.class),
          jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class) / (1024 * 1024)));

      // A clerk's first page by due date, and the count Tasklist shows beside each filter.
      out.append("clerk's queue (window, due date, first page)      ").append(measure(() ->
          queue("window", query -> query.orderByDueDate().asc().listPage(0, 15))).summary()).append('\n');
      out.append("department queue (housing, due date, first page)  ").append(measure(() ->
          queue("housing", query -> query.orderByDueDate().asc().listPage(0, 15))).summary()).append('\n');
      out.append("clerk's queue count (window)                      ").append(measure(() ->
          queue("window", TaskQuery::count)).summary()).append('\n');
      out.append("department queue count (housing)                  ").append(measure(() ->
          queue("housing", TaskQuery::count)).summary()).append('\n');
      // Every other queue of a thousand tasks or more, fewer samples: a queue whose tasks all come
      // after everyone else's in due order is the query's worst case (README "Performance").
      for (String group : jdbc.queryForList("SELECT group_id_ FROM act_ru_identitylink WHERE type_ = 'candidate' "
          + "AND group_id_ NOT IN ('window', 'housing') GROUP BY group_id_ HAVING COUNT(*) >= 1000 ORDER BY 1",
          String.class)) {
        out.append(String.format("queue %-12s (due date, first page)           ", group)).append(measure(() ->
            queue(group, query -> query.orderByDueDate().asc().listPage(0, 15)), 20).summary()).append('\n');
      }
      ApiClient supervisor = ApiClient.as(port, "supervisor1", "demo");
      LocalDate today = LocalDate.now();
      out.append("GET /api/statistics?groupBy=department            ").append(measure(() ->
          supervisor.get("/api/statistics?from=" + today.minusYears(1) + "&to=" + today.plusYears(1)
              + "&groupBy=department")).summary()).append('\n');
      if (!TIMERS) {
        measureBoard(supervisor, out);
        return;
      }

      // Deadlines fall due the way they do in a working week: the warnings first (days before),
      // then, at one moment, every deadline of the day with the DUE-th earliest deadline.
      Date deadline = jdbc.queryForObject("SELECT duedate_ FROM act_ru_job WHERE handler_cfg_ = 'overdueEvents' "
          + "ORDER BY duedate_ OFFSET ? LIMIT 1", Date.class, DUE - 1);
      Date firstDeadline = jdbc.queryForObject("SELECT MIN(duedate_) FROM act_ru_job WHERE handler_cfg_ = 'overdueEvents'",
          Date.class);
      ClockUtil.setCurrentTime(new Date(firstDeadline.getTime() - 1000));
      long warnings = management.createJobQuery().executable().count();
      double warningSeconds = runDueJobs(jobExecutor);
      out.append(String.format("%d warning timers due before the first deadline processed in %.1f s (%.0f per second)%n",
          warnings, warningSeconds, warnings / warningSeconds));

      Date moveTo = new Date(deadline.getTime() + 1000);
      long overdue = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE handler_cfg_ = 'overdueEvents' "
          + "AND duedate_ <= ?", Long.class, moveTo);
      long due = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE duedate_ <= ?", Long.class, moveTo);
      ClockUtil.setCurrentTime(moveTo);
      Map<String, double[]> statementsBefore = StatementStats.snapshot(jdbc);
      Map<String, Long> cpuBefore = CpuTime.snapshot();
      long jvmBefore = CpuTime.process();
      double overdueSeconds = runDueJobs(jobExecutor);
      long jvm = CpuTime.process() - jvmBefore;
      Map<String, Long> cpuAfter = CpuTime.snapshot();
      Map<String, double[]> statements = StatementStats.since(statementsBefore, StatementStats.snapshot(jdbc));
      out.append(String.format("%d deadlines falling due at once (%d timers with the warnings due with them) processed "
              + "in %.1f s (%.0f deadlines per second); open supervision orders: %d%n", overdue, due, overdueSeconds,
          overdue / overdueSeconds, tasks.createTaskQuery().taskDefinitionKey("supervisionOrder").count()));
      deadlineCosts(overdue, jvm, cpuBefore, cpuAfter, statements, out);
      measureBoard(supervisor, out);
    } finally {
      jobExecutor.shutdown();
      ClockUtil.reset();
      heap.close();
      out.append(String.format("peak heap: %d MiB%n", heap.peakBytes() / (1024 * 1024)));
      System.out.println(out);
      Path file = Path.of("target", "benchmark", "fill-results.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toString());
    }
  }

  /** Two thirds accepted (in the departments' queues with running clocks), one third at the window. */
  private void fill() throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < OPEN; i = next.getAndIncrement()) {
          CatalogItem item = catalog.require(COMMITMENT_ITEMS.get(i % COMMITMENT_ITEMS.size()));
          identity.setAuthentication("bench-window", List.of("window"));
          try {
            String pid = intake.receive(new Application(item.code(), "WINDOW", "ORGANIZATION", "填充企业",
                null, Applications.CREDIT_CODE, Applications.MOBILE, item.materials())).processInstanceId();
            if (i % 3 != 0) {
              Task acceptance = tasks.createTaskQuery().processInstanceId(pid).singleResult();
              tasks.complete(acceptance.getId(), Map.of("acceptanceDecision", "ACCEPT"));
            }
          } finally {
            identity.clearAuthentication();
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.HOURS);
  }

  /** Runs a query of the group's queue as a member of the group. */
  private void queue(String group, Consumer<TaskQuery> query) {
    identity.setAuthentication("bench-" + group, List.of(group));
    try {
      query.accept(tasks.createTaskQuery().taskCandidateGroup(group));
    } finally {
      identity.clearAuthentication();
    }
  }

  private void measureBoard(ApiClient supervisor, StringBuilder out) {
    int late = supervisor.get("/api/supervision/overdue?limit=1").json().get("count").asInt();
    String label = String.format("GET /api/supervision/overdue (%d overdue cases) ", late);
    out.append(label).append(measure(() -> supervisor.get("/api/supervision/overdue")).summary()).append('\n');
    // The counts alone, as Cockpit's dashboard asks for them: the page of 200 listed cases costs the difference.
    out.append(String.format("%-" + label.length() + "s", "GET /api/supervision/overdue?limit=1 (counts)"))
        .append(measure(() -> supervisor.get("/api/supervision/overdue?limit=1")).summary()).append('\n');
  }

  /**
   * Where a deadline's time goes: CPU per deadline of this JVM (the job executor's threads run the
   * timers; its pool's threads beyond the core ones end when idle, so they are not measured one by
   * one) and of PostgreSQL's processes, the long-lived thread families, and the statements per
   * deadline with the ones that take the most database time (where the server loads
   * pg_stat_statements).
   */
  private static void deadlineCosts(long deadlines, long jvm, Map<String, Long> before, Map<String, Long> after,
      Map<String, double[]> statements, StringBuilder out) {
    Long postgres = after.get(CpuTime.POSTGRES);
    out.append(String.format("  CPU per deadline: PostgreSQL %s, this JVM %.2f ms (the machine's cores busy %.0f %% of the "
            + "time); of this JVM's long-lived threads:",
        postgres == null ? "not measured" : String.format("%.2f ms", (postgres - before.get(CpuTime.POSTGRES)) / 1e6 / deadlines),
        jvm / 1e6 / deadlines, 100 * CpuTime.busyShare(before, after)));
    after.forEach((where, n) -> {
      String family = where.startsWith(CpuTime.OTHER_FAMILY) ? where.substring(CpuTime.OTHER_FAMILY.length())
          : where.startsWith(CpuTime.POOL_FAMILY) ? where.substring(CpuTime.POOL_FAMILY.length()) : null;
      double ms = (n - before.getOrDefault(where, 0L)) / 1e6 / deadlines;
      if (family != null && ms >= 0.05) {
        out.append(String.format("  %s %.2f ms", family, ms));
      }
    });
    out.append('\n');
    if (statements.isEmpty()) {
      out.append("  statements per deadline: pg_stat_statements is not loaded on this server\n");
      return;
    }
    double[] total = StatementStats.total(statements);
    out.append(String.format("  statements per deadline: %.1f (%.2f ms in the database); the most database time:%n",
        total[0] / deadlines, total[1] / deadlines));
    StatementStats.appendCostliest(out, statements, deadlines, 15, 120);
    if (total[StatementStats.PLANS] > 0) {
      out.append(String.format("  plans per deadline: %.1f (%.2f ms planning)%n", total[StatementStats.PLANS] / deadlines,
          total[StatementStats.PLAN_TIME] / deadlines));
    }
  }

  /**
   * The benchmark profile switches the Spring job executor off (the throughput mode runs each job
   * on the thread that created it), so the engine made its own, with the engine's defaults. It is
   * given production's settings (application.yaml, camunda.bpm.job-execution), so the timers run
   * here as they would there. Returns a line for the report.
   */
  private String productionSettings(JobExecutor executor) {
    JobExecutionProperty production = Binder.get(environment)
        .bind("camunda.bpm.job-execution", JobExecutionProperty.class).orElseGet(JobExecutionProperty::new);
    if (executor instanceof DefaultJobExecutor pool) {
      pool.setCorePoolSize(production.getCorePoolSize());
      pool.setMaxPoolSize(production.getMaxPoolSize());
      pool.setQueueSize(production.getQueueCapacity());
    }
    Optional.ofNullable(production.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
    Optional.ofNullable(production.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
    Optional.ofNullable(production.getMaxWait()).ifPresent(executor::setMaxWait);
    Optional.ofNullable(production.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
    Optional.ofNullable(production.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
    Optional.ofNullable(production.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
    Optional.ofNullable(production.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
    Optional.ofNullable(production.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
    return String.format("job executor as in production: %d to %d threads, queue %d, %d jobs per acquisition, "
            + "backoff %d ms", production.getCorePoolSize(), production.getMaxPoolSize(), production.getQueueCapacity(),
        executor.getMaxJobsPerAcquisition(), executor.getBackoffTimeInMillis());
  }

  /**
   * Wakes the job executor and waits until no job is due; returns the seconds it took. The wait
   * asks the database whether any due job is left with one index probe: the engine's count of
   * executable jobs (a DISTINCT over joins) took 250 ms with 100,000 open cases, and asked every
   * 200 ms it kept one of the two cores a quarter busy while the job executor was being timed.
   */
  private double runDueJobs(JobExecutor jobExecutor) throws InterruptedException {
    long t0 = System.nanoTime();
    jobExecutor.jobWasAdded();
    while (anyJobDue() && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(30)) {
      Thread.sleep(500);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** A job the executor would run now (engine clock): due, retries left, active, or locked still. */
  private boolean anyJobDue() {
    java.sql.Timestamp now = new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime());
    return Boolean.TRUE.equals(jdbc.queryForObject("""
        SELECT EXISTS (SELECT 1 FROM act_ru_job WHERE duedate_ <= ? AND retries_ > 0 AND suspension_state_ = 1)
          OR EXISTS (SELECT 1 FROM act_ru_job WHERE duedate_ IS NULL AND retries_ > 0 AND suspension_state_ = 1)
          OR EXISTS (SELECT 1 FROM act_ru_job WHERE lock_exp_time_ IS NOT NULL AND lock_owner_ IS NOT NULL)""",
        Boolean.class, now));
  }

  /** 200 samples after a warm-up, or as many as 60 seconds allow (at least 5) for slow queries. */
  private static Stats measure(Runnable query) {
    return measure(query, 200);
  }

  private static Stats measure(Runnable query, int samples) {
    long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; i < Math.min(20, samples / 4) && System.nanoTime() < warmUpEnd; i++) {
      query.run();
    }
    Stats stats = new Stats();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < samples && (i < 5 || System.nanoTime() < end); i++) {
      long t0 = System.nanoTime();
      query.run();
      stats.add(System.nanoTime() - t0);
    }
    return stats;
  }
}
