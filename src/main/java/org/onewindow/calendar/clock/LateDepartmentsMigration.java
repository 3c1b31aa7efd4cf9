package org.onewindow.calendar.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;
import org.onewindow.engine.ProjectJavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V10: fills ow_case_clock.warning_departments and overdue_departments (V9) for the cases
 * whose clock fired before they existed, from their supervision events, as the clock now writes
 * them (every department of every firing of the kind, once).
 */
@Component
public class LateDepartmentsMigration extends ProjectJavaMigration {
  public LateDepartmentsMigration() {
    super("10", "late departments of clocks that fired before V9", 10);
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    for (String kind : List.of(CaseClockRepository.WARNING, CaseClockRepository.OVERDUE)) {
      Map<String, String> recorded = new LinkedHashMap<>();
      try (Statement select = connection.createStatement();
          ResultSet rs = select.executeQuery("SELECT receipt_number, department FROM ow_supervision_event "
              + "WHERE kind = '" + kind + "' AND activity_id IS NOT NULL ORDER BY receipt_number, occurred_at, id")) {
        while (rs.next()) {
          recorded.put(rs.getString(1), LateDepartments.union(recorded.get(rs.getString(1)), rs.getString(2)));
        }
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE ow_case_clock SET "
          + CaseClockRepository.lateDepartmentsColumn(kind) + " = ? WHERE receipt_number = ?")) {
        for (Map.Entry<String, String> e : recorded.entrySet()) {
          update.setString(1, e.getValue());
          update.setString(2, e.getKey());
          update.addBatch();
        }
        update.executeBatch();
      }
    }
  }
}
