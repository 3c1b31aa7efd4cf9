package org.onewindow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.onewindow.OneWindowApplication;
import org.onewindow.department.simulator.DepartmentSimulator;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many JS-SG cases (housing leads, resources co-handles: two joint review tasks each) on
 * PostgreSQL with the job executor running; for every case the two reviewers complete their
 * tasks at the same moment. No OptimisticLockingException (nor anything else) may reach a
 * reviewer, and every case must arrive at the decision, then through the certificate (HTTP to the
 * department simulator) at the pickup, without an incident.
 *
 * <p>Runs on its own fresh database {@value #DATABASE}, which it creates (PostgreSQL at
 * 127.0.0.1:5432, user postgres, trust authentication; override with
 * {@code -Donewindow.test.deps-db-url=...}). Skipped when PostgreSQL cannot be reached, except
 * with {@code -Donewindow.test.db=postgres}, where that is a failure.
 */
@ExtendWith(JointReviewConcurrencyTest.FreshPostgresDatabase.class)
@SpringBootTest(classes = OneWindowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        // Its own engine name (no hyphen, or the starter ignores it): closing this context must not
        // unregister the suite's "default" engine, which the engine REST API looks up by name.
        "camunda.bpm.process-engine-name=onewindowConcurrency",
        "spring.datasource.hikari.maximum-pool-size=20"})
@ActiveProfiles("demo")
@DirtiesContext
class JointReviewConcurrencyTest {
  static final String DATABASE = "onewindow_deps_test";
  private static final String URL = System.getProperty("onewindow.test.deps-db-url",
      "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
  private static final String USER = System.getProperty("onewindow.test.deps-db-user", "postgres");
  private static final int CASES = 30;
  private static final List<String> MATERIALS = List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书");

  @LocalServerPort
  int port;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  DepartmentSimulator simulator;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> System.getProperty("onewindow.test.deps-db-password", ""));
  }

  /**
   * Creates the database afresh before anything else of the class runs (so before Spring), or
   * skips the class with the reason, or fails it when PostgreSQL is required.
   */
  static class FreshPostgresDatabase implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isPresent()) {
        return ConditionEvaluationResult.enabled("database prepared for the class");
      }
      String server = URL.substring(0, URL.lastIndexOf('/')) + "/postgres";
      String database = URL.substring(URL.lastIndexOf('/') + 1).replaceAll("[?;].*$", "");
      DriverManager.setLoginTimeout(3);
      try (Connection c = DriverManager.getConnection(server, USER, System.getProperty("onewindow.test.deps-db-password", ""));
           Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + database);
        return ConditionEvaluationResult.enabled("fresh database " + database);
      } catch (SQLException e) {
        String why = "PostgreSQL is not reachable at " + server + " as " + USER + " (" + e.getMessage() + ")";
        if (TestDatabase.postgres()) {
          throw new IllegalStateException(why + "; -Donewindow.test.db=postgres requires it", e);
        }
        return ConditionEvaluationResult.disabled(why + ": the joint review concurrency test needs PostgreSQL and is "
            + "skipped. Start PostgreSQL 15 on 127.0.0.1:5432 (user postgres, trust) or run with -Ptest-postgres to require it.");
      }
    }
  }

  @Test
  void twoReviewersCompletingAtTheSameMomentNeverSeeAConflictAndNoCaseIsStuck() throws Exception {
    ApiClient window = ApiClient.as(port, "window1", "demo");
    List<String> receipts = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      ApiClient.Response r = window.post("/api/cases", Applications.organisation("JS-SG", MATERIALS));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      receipts.add(r.json().get("receiptNumber").asText());
    }
    List<Throwable> seenByCallers = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      // Accept them all at once too: different cases in parallel.
      List<Future<?>> accepted = new ArrayList<>();
      for (String rn : receipts) {
        accepted.add(pool.submit(() -> complete(task(rn, CommitmentItemProcess.ACCEPTANCE, null),
            Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT), seenByCallers)));
      }
      for (Future<?> f : accepted) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(seenByCallers).isEmpty();

      // For every case, the housing and the resources reviewer complete at the same moment.
      List<Future<?>> reviews = new ArrayList<>();
      for (String rn : receipts) {
        Task housing = task(rn, CommitmentItemProcess.JOINT_REVIEW, "housing");
        Task resources = task(rn, CommitmentItemProcess.JOINT_REVIEW, "resources");
        CyclicBarrier together = new CyclicBarrier(2);
        for (Task t : List.of(housing, resources)) {
          reviews.add(pool.submit(() -> {
            together.await(30, TimeUnit.SECONDS);
            complete(t, Map.of(CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_AGREE,
                CommitmentItemProcess.REVIEW_COMMENT, "同意"), seenByCallers);
            return null;
          }));
        }
      }
      for (Future<?> f : reviews) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seenByCallers).as("exceptions that reached a reviewer").isEmpty();

    // The job executor joins every case's reviews: each arrives at the decision.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(taskService.createTaskQuery().taskDefinitionKey(CommitmentItemProcess.DECISION)
            .processInstanceBusinessKeyIn(receipts.toArray(String[]::new)).count()).isEqualTo(CASES));
    assertThat(runtimeService.createIncidentQuery().count()).as("incidents").isZero();
    for (String rn : receipts) {
      assertThat(jdbc.queryForList("SELECT department FROM ow_review_opinion WHERE receipt_number = ?", String.class, rn))
          .as(rn).containsExactlyInAnyOrder("housing", "resources");
    }

    // Approving them all: each certificate comes from the housing department's system, once.
    for (String rn : receipts) {
      taskService.complete(task(rn, CommitmentItemProcess.DECISION, null).getId(),
          Map.of(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE, CaseVariables.DECISION_REASON, "符合条件"));
    }
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(taskService.createTaskQuery().taskDefinitionKey(CommitmentItemProcess.PICKUP)
            .processInstanceBusinessKeyIn(receipts.toArray(String[]::new)).count()).isEqualTo(CASES));
    assertThat(runtimeService.createIncidentQuery().count()).as("incidents").isZero();
    for (String rn : receipts) {
      String key = rn + ":" + CommitmentItemProcess.ISSUE_CERTIFICATE;
      assertThat(simulator.registration("housing", key)).as(key).isNotNull();
      assertThat(jdbc.queryForObject("SELECT certificate_number FROM ow_case WHERE receipt_number = ?", String.class, rn))
          .isEqualTo(simulator.registration("housing", key).referenceNumber()).startsWith("JS-SG-");
    }
  }

  private Task task(String rn, String key, String group) {
    var query = taskService.createTaskQuery().processInstanceBusinessKey(rn).taskDefinitionKey(key);
    if (group != null) {
      query.taskCandidateGroup(group);
    }
    return await().atMost(Duration.ofSeconds(30)).until(query::singleResult, t -> t != null);
  }

  private void complete(Task task, Map<String, Object> variables, List<Throwable> seenByCallers) {
    try {
      taskService.complete(task.getId(), variables);
    } catch (OptimisticLockingException e) {
      seenByCallers.add(e);
    } catch (RuntimeException e) {
      seenByCallers.add(e);
    }
  }
}
