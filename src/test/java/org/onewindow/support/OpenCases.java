package org.onewindow.support;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ends the cases a test left open (their process instances, so their tasks leave the queues), so one
 * test's cases do not crowd another's in the shared context (for example the first page of the
 * window's queue in Tasklist). Receipt numbers grow, so a test's cases are those after the mark.
 */
public final class OpenCases {
  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final String lastBefore;

  private OpenCases(JdbcTemplate jdbc, RuntimeService runtime) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.lastBefore = jdbc.queryForObject("SELECT MAX(receipt_number) FROM ow_case", String.class);
  }

  /** Remembers where the test starts. */
  public static OpenCases mark(JdbcTemplate jdbc, RuntimeService runtime) {
    return new OpenCases(jdbc, runtime);
  }

  /** Deletes the process instances still running of every case received since the mark. */
  public void endAll() {
    for (String rn : jdbc.queryForList("SELECT receipt_number FROM ow_case WHERE receipt_number > ?", String.class,
        lastBefore == null ? "" : lastBefore)) {
      for (ProcessInstance pi : runtime.createProcessInstanceQuery().processInstanceBusinessKey(rn).list()) {
        delete(pi.getId());
      }
    }
  }

  /**
   * The job executor may still be working on the case (an SMS notice, a continuation): try again.
   * On PostgreSQL a continuation that adds an execution meanwhile makes the delete break a foreign
   * key instead of a version check.
   */
  private void delete(String processInstanceId) {
    for (int attempt = 1; ; attempt++) {
      try {
        runtime.deleteProcessInstanceIfExists(processInstanceId, "test over", true, true, false, false);
        return;
      } catch (OptimisticLockingException | ProcessEnginePersistenceException e) {
        if (attempt == 10) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
