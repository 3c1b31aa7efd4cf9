package org.onewindow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;

/**
 * The README's backup and restore, done as an operator would: {@code pg_dump -Fc} of a running
 * OneWindow's database that holds an open case, {@code pg_restore} into a fresh database, OneWindow
 * started on the restored database (Flyway finds the schema current), and the open case finished
 * there.
 */
@ExtendWith(Postgres.class)
class BackupRestoreIT {
  static final String SOURCE = "onewindow_prod_backup";
  static final String RESTORED = "onewindow_prod_restore";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static Node node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    Postgres.drop(SOURCE);
    Postgres.drop(RESTORED);
  }

  @Test
  void aDumpRestoredIntoAFreshDatabaseFinishesTheCaseThatWasOpen() throws Exception {
    long started = System.nanoTime();
    Postgres.recreate(SOURCE);
    node = Node.oneWindow("backup-source").demoOn(SOURCE).start().awaitReady(Duration.ofSeconds(120));
    String rn = Driver.receive(node, "JS-SG");
    Driver.work(node, "window1", rn, CommitmentItemProcess.ACCEPTANCE, "window",
        Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT), PATIENCE);
    Map<String, Object> agree = Map.of(CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_AGREE,
        CommitmentItemProcess.REVIEW_COMMENT, "同意");
    Driver.work(node, "housing1", rn, CommitmentItemProcess.JOINT_REVIEW, "housing", agree, PATIENCE);

    // Online backup: pg_dump reads one consistent snapshot while OneWindow keeps running.
    Path dump = Files.createDirectories(Path.of("target", "it-backup")).resolve("onewindow.dump");
    run("pg_dump", "-h", Postgres.HOST, "-p", Postgres.PORT, "-U", Postgres.USER, "-Fc", "-f", dump.toString(), SOURCE);
    node.terminate();
    node.waitFor(Duration.ofSeconds(60));

    Postgres.recreate(RESTORED);
    run("pg_restore", "-h", Postgres.HOST, "-p", Postgres.PORT, "-U", Postgres.USER, "--no-owner", "--exit-on-error",
        "-d", RESTORED, dump.toString());
    // The README's restore step: a job that was running when the dump was taken is still locked by
    // a node that no longer exists; free such locks before the first node starts on the copy.
    int unlocked;
    try (Postgres.Jdbc db = Postgres.jdbc(RESTORED)) {
      unlocked = db.template.update("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL "
          + "WHERE LOCK_OWNER_ IS NOT NULL");
    }
    node = Node.oneWindow("backup-restored").demoOn(RESTORED).start().awaitReady(Duration.ofSeconds(120));

    Driver.work(node, "resources1", rn, CommitmentItemProcess.JOINT_REVIEW, "resources", agree, PATIENCE);
    Driver.work(node, "approver1", rn, CommitmentItemProcess.DECISION, "approvers",
        Map.of(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE, CaseVariables.DECISION_REASON, "符合条件"), PATIENCE);
    Driver.work(node, "window1", rn, CommitmentItemProcess.PICKUP, "window",
        Map.of(CommitmentItemProcess.PICKED_UP_BY, "王五"), PATIENCE);

    try (Postgres.Jdbc db = Postgres.jdbc(RESTORED)) {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (db.count("SELECT COUNT(*) FROM ow_case WHERE receipt_number = ? AND finished_at IS NOT NULL", rn) == 0) {
        assertThat(System.nanoTime()).as("case finished").isLessThan(deadline);
        Thread.sleep(200);
      }
      assertThat(db.column("SELECT status FROM ow_case WHERE receipt_number = ?", String.class, rn)).containsExactly("PICKED_UP");
      assertThat(db.column("SELECT department FROM ow_review_opinion WHERE receipt_number = ?", String.class, rn))
          .containsExactlyInAnyOrder("housing", "resources");
      assertThat(db.column("SELECT certificate_number FROM ow_case WHERE receipt_number = ?", String.class, rn).get(0))
          .startsWith("JS-SG-");
      assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ? AND END_TIME_ IS NOT NULL", rn))
          .isEqualTo(1);
      List<String> versions = db.column("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
          String.class);
      assertThat(versions).as("the restored schema history, unchanged by the start").startsWith("0.1");
      assertThat(node.log()).doesNotContain("Migrating schema");
    }
    System.out.printf("backup: dump of %d KB restored (%d job lock(s) freed) and the open case finished, in %d s%n",
        Files.size(dump) / 1024, unlocked, (System.nanoTime() - started) / 1_000_000_000);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
    assertThat(p.exitValue()).as(command[0] + ": " + out).isZero();
  }
}
