package org.onewindow.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Plain JDBC on the engine's DataSource, so case rows commit or roll back with the engine. */
@Repository
public class CaseRepository {
  private static final String MATERIAL_SEPARATOR = "\n";

  private final JdbcTemplate jdbc;

  public CaseRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CaseRecord c) {
    jdbc.update("""
        INSERT INTO ow_case (receipt_number, item_code, item_type, process_key, channel, applicant_kind,
          applicant_name, applicant_id, mobile, materials, status, process_instance_id, received_by,
          received_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        c.receiptNumber(), c.itemCode(), c.itemType(), c.processKey(), c.channel(), c.applicantKind(),
        c.applicantName(), c.applicantId(), c.mobile(), joinMaterials(c.materials()), c.status().name(),
        c.processInstanceId(), c.receivedBy(), c.receivedAt(), c.receivedAt());
  }

  /** Links a case received through the API to the process instance started for it. */
  public void attachProcess(String receiptNumber, String processInstanceId) {
    jdbc.update("UPDATE ow_case SET process_instance_id = ? WHERE receipt_number = ?", processInstanceId, receiptNumber);
  }

  /** The applicant's mobile for notices (kept in the case file, not in process variables). */
  public String mobile(String receiptNumber) {
    return jdbc.query("SELECT mobile FROM ow_case WHERE receipt_number = ?", (rs, i) -> rs.getString(1), receiptNumber)
        .stream().findFirst().orElse(null);
  }

  public Optional<CaseRecord> find(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_case WHERE receipt_number = ?", MAPPER, receiptNumber)
        .stream().findFirst();
  }

  public boolean exists(String receiptNumber) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ow_case WHERE receipt_number = ?", Integer.class, receiptNumber);
    return n != null && n > 0;
  }

  public void updateStatus(String receiptNumber, CaseStatus status, OffsetDateTime at) {
    // The clock's start is the first acceptance; a later status never moves it.
    jdbc.update("""
        UPDATE ow_case SET status = ?, updated_at = ?,
          accepted_at = CASE WHEN ? AND accepted_at IS NULL THEN ? ELSE accepted_at END
        WHERE receipt_number = ?""",
        status.name(), at, status == CaseStatus.ACCEPTED, at, receiptNumber);
  }

  /** The case has ended (picked up, refused, finished at the window, withdrawn). */
  public void finish(String receiptNumber, CaseStatus status, OffsetDateTime at) {
    jdbc.update("UPDATE ow_case SET status = ?, updated_at = ?, finished_at = ? WHERE receipt_number = ?",
        status.name(), at, at, receiptNumber);
  }

  public void recordDecision(String receiptNumber, String outcome, CaseStatus status, OffsetDateTime at) {
    jdbc.update("UPDATE ow_case SET outcome = ?, status = ?, decided_at = ?, updated_at = ? WHERE receipt_number = ?",
        outcome, status.name(), at, at, receiptNumber);
  }

  public void recordCertificate(String receiptNumber, String certificateNumber, OffsetDateTime at) {
    jdbc.update("UPDATE ow_case SET certificate_number = ?, updated_at = ? WHERE receipt_number = ?",
        certificateNumber, at, receiptNumber);
  }

  static String joinMaterials(List<String> materials) {
    return String.join(MATERIAL_SEPARATOR, materials);
  }

  static List<String> splitMaterials(String materials) {
    return materials == null || materials.isBlank() ? List.of()
        : Arrays.stream(materials.split(MATERIAL_SEPARATOR)).filter(s -> !s.isBlank()).toList();
  }

  private static final RowMapper<CaseRecord> MAPPER = CaseRepository::map;

  private static CaseRecord map(ResultSet rs, int row) throws SQLException {
    return new CaseRecord(
        rs.getString("receipt_number"),
        rs.getString("item_code"),
        rs.getString("item_type"),
        rs.getString("process_key"),
        rs.getString("channel"),
        rs.getString("applicant_kind"),
        rs.getString("applicant_name"),
        rs.getString("applicant_id"),
        rs.getString("mobile"),
        splitMaterials(rs.getString("materials")),
        CaseStatus.valueOf(rs.getString("status")),
        rs.getString("outcome"),
        rs.getString("process_instance_id"),
        rs.getString("certificate_number"),
        rs.getString("received_by"),
        rs.getObject("received_at", OffsetDateTime.class),
        rs.getObject("accepted_at", OffsetDateTime.class),
        rs.getObject("decided_at", OffsetDateTime.class),
        rs.getObject("finished_at", OffsetDateTime.class));
  }
}
