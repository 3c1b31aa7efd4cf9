package org.onewindow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.EnterpriseEstablishmentProcess;

/**
 * OneWindow on PostgreSQL under load, killed with SIGKILL in the middle of department calls, then
 * restarted; later stopped with SIGTERM while a department call runs, and restarted again.
 *
 * <p>The departments are the standalone simulator in its own JVM, so it survives the kills and
 * counts every call per idempotency key. The bank answers after 3 s, so calls are in flight when
 * the node dies.
 *
 * <p>Proven after SIGKILL: every case the API acknowledged (201) is in the case file with its process
 * instance and finishes (enterprise establishment: five department registrations); the calls that
 * were in flight are made again after the dead node's locks expire, and registered once (the
 * department answers the repeated key with its first result); no job succeeded twice; no incident.
 * Proven after SIGTERM: readiness turned DOWN (503) while the node still answered, running jobs
 * finished and no job stayed locked by the stopped node, and the restarted node finishes every case.
 */
@ExtendWith(Postgres.class)
class CrashRecoveryIT {
  static final String DATABASE = "onewindow_prod_crash";
  static final Duration PATIENCE = Duration.ofSeconds(120);
  static final String[][] STEPS = {{"market", "registerBusiness"}, {"police", "engraveSeal"}, {"tax", "registerTax"},
      {"social", "registerSocialInsurance"}, {"bank", "notifyBankAccount"}};

  static Node simulator;
  static Node node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    Postgres.drop(DATABASE);
  }

  private Node startNode(String name) {
    return Node.oneWindow(name).demoOn(DATABASE)
        .departmentsAt(simulator.base() + "/simulator")
        // A dead node's jobs are taken over after the lock time: short here, 5 minutes in production.
        .property("camunda.bpm.job-execution.lock-time-in-millis", 8000)
        .property("onewindow.departments.retry-cycle", "R5/PT2S")
        .property("onewindow.operations.drain-delay", "2s")
        .start().awaitReady(Duration.ofSeconds(120));
  }

  @Test
  void acknowledgedCasesSurviveSigkillAndSigtermAndFinishWithoutDuplicateDepartmentCalls() throws Exception {
    long started = System.nanoTime();
    Postgres.recreate(DATABASE);
    simulator = Node.simulator("crash-simulator").property("management.endpoint.health.probes.enabled", true)
        .start().awaitReady(Duration.ofSeconds(60));
    String sim = simulator.base() + "/simulator";
    for (String[] step : STEPS) {
      Driver.behave(sim, step[0], step[0].equals("bank") ? "{\"latencyMs\": 3000}" : "{\"latencyMs\": 150}");
    }
    node = startNode("crash-1");

    // ---------------------------------------------------------------- SIGKILL under load
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Load load = new Load(node, acknowledged).start(3);
    // Kill right after a bank call has started: it is in its 3 s answer when the JVM dies.
    long bankCalls = 0;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      long now = Driver.department(sim, "bank").get("calls").asLong();
      if (now >= 3 && now > bankCalls && acknowledged.size() >= 8) {
        break;
      }
      bankCalls = now;
      assertThat(System.nanoTime()).as("bank calls under load").isLessThan(deadline);
      Thread.sleep(20);
    }
    node.kill();
    load.stop();
    System.out.printf("crash: SIGKILL after %d acknowledged cases, %d bank calls%n", acknowledged.size(),
        Driver.department(sim, "bank").get("calls").asLong());

    node = startNode("crash-2");
    try (Postgres.Jdbc db = Postgres.jdbc(DATABASE)) {
      List<String> cases = db.column("SELECT receipt_number FROM ow_case", String.class);
      assertThat(cases).as("every acknowledged case is in the case file").containsAll(acknowledged);
      for (String rn : acknowledged) {
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?", rn)).as(rn).isEqualTo(1);
      }
      acceptWhatIsWaiting(db, node);
      awaitAllFinished(db, node);
      List<String> retried = assertEveryStepRegisteredOnce(db, sim);
      assertThat(retried).as("department calls that were in flight at SIGKILL and were made again").isNotEmpty();
      System.out.printf("crash: %d cases finished after the restart; %d department calls were made again: %s%n",
          cases.size(), retried.size(), retried);

      // ---------------------------------------------------------------- SIGTERM with a call in flight
      Set<String> more = ConcurrentHashMap.newKeySet();
      Load second = new Load(node, more).start(2);
      long before = Driver.department(sim, "bank").get("calls").asLong();
      deadline = System.nanoTime() + PATIENCE.toNanos();
      while (Driver.department(sim, "bank").get("calls").asLong() < before + 2) {
        assertThat(System.nanoTime()).as("bank calls before SIGTERM").isLessThan(deadline);
        Thread.sleep(20);
      }
      second.stop();
      List<Integer> readiness = Collections.synchronizedList(new ArrayList<>());
      Node stopping = node;
      Thread watcher = new Thread(() -> {
        int last = 0;
        while (last != -1) {
          last = stopping.status("/actuator/health/readiness");
          if (readiness.isEmpty() || readiness.get(readiness.size() - 1) != last) {
            readiness.add(last);
          }
          Node.sleep(50);
        }
      });
      long sigterm = System.nanoTime();
      node.terminate();
      watcher.start();
      int exit = node.waitFor(Duration.ofSeconds(60));
      watcher.join(10_000);
      System.out.printf("crash: SIGTERM: exit %d after %d ms; readiness seen %s%n", exit,
          (System.nanoTime() - sigterm) / 1_000_000, readiness);
      assertThat(readiness).as("readiness while stopping: DOWN (503) before the port closes (-1)").contains(503);
      assertThat(readiness.indexOf(503)).isLessThan(readiness.indexOf(-1));
      assertThat(db.rows("SELECT ID_, HANDLER_TYPE_, HANDLER_CFG_, PROCESS_INSTANCE_ID_, LOCK_OWNER_, LOCK_EXP_TIME_, "
          + "DUEDATE_, RETRIES_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ > now()"))
          .as("jobs left locked by the stopped node").isEmpty();
      assertThat(node.log()).contains("no job running any more on this node");

      node = startNode("crash-3");
      assertThat(db.column("SELECT receipt_number FROM ow_case", String.class)).containsAll(more);
      acceptWhatIsWaiting(db, node);
      awaitAllFinished(db, node);
      assertEveryStepRegisteredOnce(db, sim);
      System.out.printf("crash: %d cases in all finished; IT took %d s%n",
          db.count("SELECT COUNT(*) FROM ow_case"), (System.nanoTime() - started) / 1_000_000_000);
    }
  }

  /** Accepts every enterprise case still waiting at the window (its acceptance was not acknowledged). */
  private static void acceptWhatIsWaiting(Postgres.Jdbc db, Node node) {
    for (String rn : db.column("SELECT receipt_number FROM ow_case WHERE status = 'RECEIVED'", String.class)) {
      JsonNode task = Driver.task(node, "window1", rn, EnterpriseEstablishmentProcess.ACCEPTANCE, "window");
      if (task != null) {
        Driver.complete(node, "window1", task.get("id").asText(), acceptance());
      }
    }
  }

  private static void awaitAllFinished(Postgres.Jdbc db, Node node) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (db.count("SELECT COUNT(*) FROM ow_case WHERE finished_at IS NULL") > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("cases not finished: " + db.rows("SELECT receipt_number, status FROM ow_case "
            + "WHERE finished_at IS NULL") + "\njobs: " + db.rows("SELECT ID_, RETRIES_, LOCK_OWNER_, LOCK_EXP_TIME_, "
            + "DUEDATE_, EXCEPTION_MSG_ FROM ACT_RU_JOB") + "\n" + node.tail(40));
      }
      Thread.sleep(300);
    }
  }

  /** Every case approved with its five registrations, each once; returns the keys called more than once. */
  private static List<String> assertEveryStepRegisteredOnce(Postgres.Jdbc db, String sim) {
    List<String> cases = db.column("SELECT receipt_number FROM ow_case", String.class);
    List<String> calledAgain = new ArrayList<>();
    for (String rn : cases) {
      assertThat(db.column("SELECT status FROM ow_case WHERE receipt_number = ?", String.class, rn)).as(rn)
          .containsExactly("APPROVED");
      assertThat(db.column("SELECT step FROM ow_department_result WHERE receipt_number = ?", String.class, rn)).as(rn)
          .containsExactlyInAnyOrder(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
      for (String[] step : STEPS) {
        String key = rn + ":" + step[1];
        JsonNode calls = Driver.calls(sim, step[0], key);
        assertThat(calls.get("registered").asBoolean()).as(key).isTrue();
        assertThat(db.column("SELECT reference_number FROM ow_department_result WHERE idempotency_key = ?", String.class, key))
            .as("the case keeps the department's first answer for " + key).containsExactly(calls.get("referenceNumber").asText());
        if (calls.get("calls").asInt() > 1) {
          calledAgain.add(key);
        }
      }
    }
    for (String[] step : STEPS) {
      assertThat(Driver.department(sim, step[0]).get("registrations").asLong())
          .as("registrations at " + step[0] + ": one per case").isEqualTo(cases.size());
    }
    assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).as("incidents").isZero();
    assertThat(db.rows("SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND PROCESS_INSTANCE_ID_ IS NOT NULL "
        + "GROUP BY JOB_ID_ HAVING COUNT(*) > 1")).as("jobs that succeeded twice").isEmpty();
    return calledAgain;
  }

  static Map<String, Object> acceptance() {
    return Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT,
        EnterpriseEstablishmentProcess.ENTERPRISE_NAME, "恢复" + UUID.randomUUID().toString().substring(0, 8) + "有限公司");
  }

  /** Clerks taking in and accepting enterprise cases as fast as the node answers, until stopped or refused. */
  static final class Load {
    private final Node node;
    private final Set<String> acknowledged;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Load(Node node, Set<String> acknowledged) {
      this.node = node;
      this.acknowledged = acknowledged;
    }

    Load start(int clerks) {
      for (int i = 0; i < clerks; i++) {
        Thread t = new Thread(() -> {
          int n = 0;
          while (running.get() && n++ < 200) {
            try {
              String rn = Driver.receive(node, "QY-KB");
              acknowledged.add(rn);
              Driver.work(node, "window1", rn, EnterpriseEstablishmentProcess.ACCEPTANCE, "window", acceptance(),
                  Duration.ofSeconds(10));
            } catch (RuntimeException | AssertionError e) {
              return; // the node is gone
            }
          }
        });
        t.start();
        threads.add(t);
      }
      return this;
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }
}
