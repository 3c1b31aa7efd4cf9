package org.onewindow.department;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The departments' answers kept with the case (ow_department_result), one row per case and step,
 * unique by idempotency key. Written in the job's transaction, on the engine's DataSource: the
 * row exists exactly when the step's job has committed.
 */
@Repository
public class DepartmentResults {

  public record DepartmentResult(String receiptNumber, String step, String department, String capability,
      String referenceNumber, String idempotencyKey, OffsetDateTime recordedAt) {}

  private static final RowMapper<DepartmentResult> MAPPER = (rs, i) -> new DepartmentResult(
      rs.getString("receipt_number"), rs.getString("step"), rs.getString("department"), rs.getString("capability"),
      rs.getString("reference_number"), rs.getString("idempotency_key"),
      rs.getObject("recorded_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;

  public DepartmentResults(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<DepartmentResult> find(String idempotencyKey) {
    return jdbc.query("SELECT * FROM ow_department_result WHERE idempotency_key = ?", MAPPER, idempotencyKey)
        .stream().findFirst();
  }

  public void record(DepartmentResult r) {
    jdbc.update("""
        INSERT INTO ow_department_result (receipt_number, step, department, capability, reference_number,
          idempotency_key, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""",
        r.receiptNumber(), r.step(), r.department(), r.capability(), r.referenceNumber(), r.idempotencyKey(),
        r.recordedAt());
  }

  /** Every answer of the case, in the order they came. */
  public List<DepartmentResult> forCase(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_department_result WHERE receipt_number = ? ORDER BY recorded_at, id",
        MAPPER, receiptNumber);
  }
}
