package org.onewindow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.EnterpriseEstablishmentProcess;

/**
 * Two OneWindow JVMs share one PostgreSQL database as a Camunda homogeneous cluster. Every case's
 * steps alternate between the nodes (intake on one, acceptance on the other, the two departments'
 * reviews on different nodes, decision and pickup again on different nodes); the job executors of
 * both nodes compete for every asynchronous step. Both nodes' department adapters call the one
 * simulator on node A, so every call is counted in one place by its idempotency key.
 *
 * <p>Deadlines fall due: the tax office fails each case's first call, so each case waits on a retry
 * due in 10 minutes (retry cycle R3/PT10M); then both nodes' engine clocks are moved 31 days ahead
 * through a test-only hook ({@link org.onewindow.it.hook.ClockHook}, never in the jar), while no job
 * is locked. The retries and every timer in the models (the case clock's warning and overdue timers
 * of each permit) are now due on both nodes at once; the test waits until all have run.
 *
 * <p>Proven: every case finishes; every department step registered exactly once and was called once
 * (tax: the failed call and one retry); every timer due at the jump fired exactly once (or, in an
 * enterprise case that its tax retry finished first, was deleted unfired with the case) and every
 * job of these cases succeeded at most once (ACT_HI_JOB_LOG, the engine's own record, per job); no supervision event was
 * written twice (ow_supervision_event per case and kind); both nodes executed jobs; no incident. A
 * clerk's completion that collides with a job of the same case (optimistic locking) is rolled back
 * whole and submitted again, as Tasklist users do; the number is printed.
 */
@ExtendWith(Postgres.class)
class ClusterIT {
  static final String DATABASE = "onewindow_prod_cluster";
  static final int ENTERPRISE_CASES = 6;
  static final int PERMIT_CASES = 6;
  static final Duration PATIENCE = Duration.ofSeconds(90);
  /** Past the retry interval and past any promised deadline of the catalog (at most 15 working days). */
  static final long CLOCK_JUMP_MS = Duration.ofDays(31).toMillis();

  static Node a;
  static Node b;

  @AfterAll
  static void stop() {
    for (Node n : new Node[] {b, a}) {
      if (n != null) {
        n.close();
      }
    }
    Postgres.drop(DATABASE);
  }

  @Test
  void casesWhoseStepsAlternateBetweenTwoNodesFinishAndNothingRunsTwice() throws Exception {
    long started = System.nanoTime();
    Postgres.recreate(DATABASE);
    // The first node of a new database first (it creates the schema and the demo users), then the rest.
    a = Node.oneWindow("cluster-a").demoOn(DATABASE).clockHook()
        .property("camunda.bpm.generic-properties.properties.hostname", "node-a")
        .property("onewindow.departments.retry-cycle", "R3/PT10M")
        .start().awaitReady(Duration.ofSeconds(120));
    String simulator = a.base() + "/simulator";
    b = Node.oneWindow("cluster-b").demoOn(DATABASE).clockHook()
        .property("camunda.bpm.generic-properties.properties.hostname", "node-b")
        .property("onewindow.departments.retry-cycle", "R3/PT10M")
        .departmentsAt(simulator)
        .start().awaitReady(Duration.ofSeconds(120));
    Node[] nodes = {a, b};
    System.out.printf("cluster: both nodes ready after %d s%n", (System.nanoTime() - started) / 1_000_000_000);

    Driver.behave(simulator, "tax", "{\"failNextCalls\": " + ENTERPRISE_CASES + "}");

    // Intake alternates between the nodes; acceptance happens on the other one.
    List<String> enterprises = new ArrayList<>();
    List<String> permits = new ArrayList<>();
    for (int i = 0; i < Math.max(ENTERPRISE_CASES, PERMIT_CASES); i++) {
      if (i < ENTERPRISE_CASES) {
        enterprises.add(Driver.receive(nodes[i % 2], "QY-KB"));
      }
      if (i < PERMIT_CASES) {
        permits.add(Driver.receive(nodes[(i + 1) % 2], "JS-SG"));
      }
    }
    for (int i = 0; i < ENTERPRISE_CASES; i++) {
      Driver.work(nodes[(i + 1) % 2], "window1", enterprises.get(i), EnterpriseEstablishmentProcess.ACCEPTANCE, "window",
          Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT,
              EnterpriseEstablishmentProcess.ENTERPRISE_NAME, "集群" + UUID.randomUUID().toString().substring(0, 8) + "有限公司"),
          PATIENCE);
    }
    for (int i = 0; i < PERMIT_CASES; i++) {
      Driver.work(nodes[i % 2], "window1", permits.get(i), CommitmentItemProcess.ACCEPTANCE, "window",
          Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT), PATIENCE);
    }
    // The two departments of each permit review on different nodes.
    for (int i = 0; i < PERMIT_CASES; i++) {
      Map<String, Object> agree = Map.of(CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_AGREE,
          CommitmentItemProcess.REVIEW_COMMENT, "同意");
      Driver.work(nodes[i % 2], "housing1", permits.get(i), CommitmentItemProcess.JOINT_REVIEW, "housing", agree, PATIENCE);
      Driver.work(nodes[(i + 1) % 2], "resources1", permits.get(i), CommitmentItemProcess.JOINT_REVIEW, "resources", agree,
          PATIENCE);
    }

    try (Postgres.Jdbc db = Postgres.jdbc(DATABASE)) {
      // Wait until nothing can run: enterprises wait on their failed tax call (retry in 10 min),
      // permits at the decision. No job is locked when the clocks move.
      // Timers in the models (the case clock's, once merged) are jobs due later: they do not count.
      awaitTrue("enterprises waiting on the tax retry, permits at the decision", () ->
          db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IS NOT NULL AND RETRIES_ > 0 "
                  + "AND (DUEDATE_ IS NULL OR DUEDATE_ <= now())") == 0
              && db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL") == 0
              && db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IS NOT NULL AND FAILED_ACT_ID_ = ? "
                  + "AND EXCEPTION_MSG_ IS NOT NULL AND RETRIES_ = 2 AND LOCK_OWNER_ IS NULL",
                  EnterpriseEstablishmentProcess.REGISTER_TAX) == ENTERPRISE_CASES
              && db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = ?", CommitmentItemProcess.DECISION)
                  == PERMIT_CASES);
      assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IS NOT NULL AND DUEDATE_ < now()"))
          .as("the retries are not due yet").isZero();

      List<String> timers = db.column("SELECT ID_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IS NOT NULL "
          + "AND HANDLER_TYPE_ LIKE 'timer%'", String.class);
      assertThat(timers).as("the case clocks' warning and deadline timers").isNotEmpty();
      for (Node n : nodes) {
        Driver.moveClock(n, CLOCK_JUMP_MS);
      }
      // Everything now due on the nodes' clocks runs: the retries and every timer, each on one node.
      java.sql.Timestamp jumped = new java.sql.Timestamp(System.currentTimeMillis() + CLOCK_JUMP_MS);
      awaitTrue("every job due after the jump has run", () ->
          db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IS NOT NULL AND RETRIES_ > 0 "
              + "AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)", jumped) == 0
          && db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL") == 0);
      // Each timer by its id: no timer (nor one created by a firing, such as the next phase's) ran
      // successfully twice, and every one due at the jump fired, or was deleted unfired because its
      // case ended first: an enterprise case's tax retry, due at the same jump, may run before the
      // clock's timers and finish the case (the timers' scope ends with it). Permits wait at the
      // decision, so all of theirs must have fired; the deleted ones are checked once all cases end.
      List<String> fired = db.column("SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
          + "AND PROCESS_INSTANCE_ID_ IS NOT NULL AND JOB_DEF_TYPE_ LIKE 'timer%'", String.class);
      assertThat(fired).as("no timer ran twice").doesNotHaveDuplicates();
      List<String> unfired = timers.stream().filter(t -> !fired.contains(t)).toList();

      // The retries fall due on both nodes at once; the permits' decisions go on alternating.
      for (int i = 0; i < PERMIT_CASES; i++) {
        Driver.work(nodes[i % 2], "approver1", permits.get(i), CommitmentItemProcess.DECISION, "approvers",
            Map.of(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE, CaseVariables.DECISION_REASON, "符合条件"),
            PATIENCE);
      }
      for (int i = 0; i < PERMIT_CASES; i++) {
        Driver.work(nodes[(i + 1) % 2], "window1", permits.get(i), CommitmentItemProcess.PICKUP, "window",
            Map.of(CommitmentItemProcess.PICKED_UP_BY, "张三"), PATIENCE);
      }
      List<String> all = new ArrayList<>(enterprises);
      all.addAll(permits);
      awaitTrue("every case finished", () -> db.count("SELECT COUNT(*) FROM ow_case WHERE finished_at IS NOT NULL")
          == all.size());

      for (String timer : unfired) {
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG l JOIN ACT_HI_PROCINST p ON p.ID_ = l.PROCESS_INSTANCE_ID_ "
                + "WHERE l.JOB_ID_ = ? AND l.JOB_STATE_ = 3 AND p.PROC_DEF_KEY_ = ? AND p.END_TIME_ IS NOT NULL",
            timer, EnterpriseEstablishmentProcess.KEY))
            .as("timer %s due at the jump neither fired nor was deleted with its finished enterprise case", timer)
            .isEqualTo(1);
      }
      System.out.printf("cluster: %d timers due at the jump, %d fired, %d deleted unfired with their finished case%n",
          timers.size(), timers.size() - unfired.size(), unfired.size());

      // Every case finished as it should, with every step.
      for (String rn : enterprises) {
        assertThat(db.column("SELECT status FROM ow_case WHERE receipt_number = ?", String.class, rn)).containsExactly("APPROVED");
        assertThat(db.column("SELECT step FROM ow_department_result WHERE receipt_number = ?", String.class, rn))
            .containsExactlyInAnyOrder(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
        for (String[] call : List.of(new String[] {"market", "registerBusiness"}, new String[] {"police", "engraveSeal"},
            new String[] {"tax", "registerTax"}, new String[] {"social", "registerSocialInsurance"},
            new String[] {"bank", "notifyBankAccount"})) {
          var calls = Driver.calls(simulator, call[0], rn + ":" + call[1]);
          assertThat(calls.get("registered").asBoolean()).as(rn + ":" + call[1]).isTrue();
          assertThat(calls.get("calls").asInt()).as("calls of " + rn + ":" + call[1])
              .isEqualTo(call[0].equals("tax") ? 2 : 1);
        }
      }
      for (String rn : permits) {
        assertThat(db.column("SELECT status FROM ow_case WHERE receipt_number = ?", String.class, rn)).containsExactly("PICKED_UP");
        assertThat(db.column("SELECT department FROM ow_review_opinion WHERE receipt_number = ?", String.class, rn))
            .containsExactlyInAnyOrder("housing", "resources");
        var calls = Driver.calls(simulator, "housing", rn + ":" + CommitmentItemProcess.ISSUE_CERTIFICATE);
        assertThat(calls.get("calls").asInt()).as("certificate of " + rn).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM ow_notice WHERE receipt_number = ?", rn)).isEqualTo(1);
      }
      assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).as("incidents").isZero();
      assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE END_TIME_ IS NULL")).as("open instances").isZero();

      // The engine's own record: no job of a case succeeded twice, and both nodes ran jobs.
      assertThat(db.rows("SELECT JOB_ID_, COUNT(*) AS n FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
          + "AND PROCESS_INSTANCE_ID_ IS NOT NULL GROUP BY JOB_ID_ HAVING COUNT(*) > 1")).as("jobs that ran twice").isEmpty();
      List<String> hosts = db.column("SELECT DISTINCT HOSTNAME_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
          + "AND PROCESS_INSTANCE_ID_ IS NOT NULL", String.class);
      assertThat(hosts).as("nodes that executed jobs").contains("node-a", "node-b");
      // Timers (the case clock's warning and overdue, when present in the models): once per case and kind.
      assertThat(db.rows("SELECT receipt_number, kind, COUNT(*) AS n FROM ow_supervision_event "
          + "GROUP BY receipt_number, kind HAVING COUNT(*) > 1")).as("supervision events written twice").isEmpty();
      System.out.printf("cluster: %d cases, %d jobs succeeded (%d on node-a, %d on node-b), %d timer jobs, "
              + "%d supervision events, %d clerk completions retried after a conflict, in %d s%n", all.size(),
          db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND PROCESS_INSTANCE_ID_ IS NOT NULL"),
          db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND PROCESS_INSTANCE_ID_ IS NOT NULL AND HOSTNAME_ = 'node-a'"),
          db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND PROCESS_INSTANCE_ID_ IS NOT NULL AND HOSTNAME_ = 'node-b'"),
          db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND JOB_DEF_TYPE_ LIKE 'timer%'"),
          db.count("SELECT COUNT(*) FROM ow_supervision_event"), Driver.CONFLICTS.get(),
          (System.nanoTime() - started) / 1_000_000_000);
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void awaitTrue(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + PATIENCE + ": " + what + "\nnode A:\n" + a.tail(40)
            + "\nnode B:\n" + b.tail(40));
      }
      Thread.sleep(300);
    }
  }
}
