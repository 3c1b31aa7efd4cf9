package org.onewindow.calendar.clock;

import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.onewindow.engine.ProjectJavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V12: on PostgreSQL, an index of the open clocks only ({@code phase <> 'STOPPED'}) that
 * holds every column the supervision boards count with, so each board's count reads the index
 * and not the table (an index-only scan), and stays as fast when years of stopped clocks pile up
 * in the table. H2 has neither partial nor covering indexes; the embedded default is not sized for
 * that load and keeps the V9 index alone.
 */
@Component
public class OpenClocksIndexMigration extends ProjectJavaMigration {
  static final String INDEX = "ow_case_clock_open_idx";

  public OpenClocksIndexMigration() {
    super("12", "open clocks covering index for the boards' counts", 12);
  }

  @Override
  public void migrate(Context context) throws Exception {
    if (!postgres(context.getConnection())) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("CREATE INDEX " + INDEX + " ON ow_case_clock (phase, deadline_at) INCLUDE (item_code, "
          + "lead_department, warning_departments, overdue_departments, warning_at, phase_before_pause, paused_since) "
          + "WHERE phase <> 'STOPPED'");
    }
  }
}
