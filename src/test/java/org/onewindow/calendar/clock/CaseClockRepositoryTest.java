package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A clock is read once per transaction (the steps of one engine command read it several times):
 * what the repository read or wrote is kept until the transaction ends, a lock always reads the
 * row, a transaction started inside another does not see what the outer one kept, and the next
 * transaction reads the row again. The row is changed behind the repository's back to tell a kept
 * state from a read one.
 */
@OneWindowIntegrationTest
class CaseClockRepositoryTest extends ClockTestSupport {
  @Autowired CaseClockRepository clocks;
  @Autowired PlatformTransactionManager transactions;

  private void phaseBehindTheRepository(String rn, ClockPhase phase) {
    jdbc.update("UPDATE ow_case_clock SET phase = ? WHERE receipt_number = ?", phase.name(), rn);
  }

  @Test
  void aClockIsReadOncePerTransactionAndALockReadsTheRow() {
    now("2026-06-01T09:00");
    String rn = receiveAndAccept("JS-SG");
    TransactionTemplate tx = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    tx.executeWithoutResult(status -> {
      assertThat(clocks.find(rn).orElseThrow().phase()).isEqualTo(ClockPhase.RUNNING);
      phaseBehindTheRepository(rn, ClockPhase.WARNING);
      assertThat(clocks.find(rn).orElseThrow().phase()).as("kept: no second read").isEqualTo(ClockPhase.RUNNING);
      assertThat(clocks.lock(rn).orElseThrow().phase()).as("a lock reads the row").isEqualTo(ClockPhase.WARNING);
      assertThat(clocks.find(rn).orElseThrow().phase()).as("and keeps what it read").isEqualTo(ClockPhase.WARNING);

      ClockState written = clocks.find(rn).orElseThrow().withPhase(ClockPhase.OVERDUE);
      clocks.update(written);
      assertThat(clocks.find(rn).orElseThrow().phase()).as("kept as written").isEqualTo(ClockPhase.OVERDUE);

      inner.executeWithoutResult(nested ->
          assertThat(clocks.find(rn).orElseThrow().phase()).as("a new transaction reads the committed row")
              .isEqualTo(ClockPhase.RUNNING));
      assertThat(clocks.find(rn).orElseThrow().phase()).as("the outer one keeps its own again")
          .isEqualTo(ClockPhase.OVERDUE);
      status.setRollbackOnly();
    });

    tx.executeWithoutResult(status -> {
      phaseBehindTheRepository(rn, ClockPhase.WARNING);
      assertThat(clocks.find(rn).orElseThrow().phase()).as("the next transaction reads the row")
          .isEqualTo(ClockPhase.WARNING);
      status.setRollbackOnly();
    });
    assertThat(clocks.find(rn).orElseThrow().phase()).as("outside a transaction every find reads")
        .isEqualTo(ClockPhase.RUNNING);
  }
}
