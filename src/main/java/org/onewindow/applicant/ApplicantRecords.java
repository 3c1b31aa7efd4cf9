package org.onewindow.applicant;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The online hall's tables: query codes (ow_case_access) and what applicants did (ow_applicant_action). */
@Repository
public class ApplicantRecords {
  public static final String APPLY = "APPLY";
  public static final String UPLOAD = "UPLOAD";
  public static final String SUPPLEMENT = "SUPPLEMENT";
  public static final String WITHDRAWAL = "WITHDRAWAL";
  private static final int MAX_DETAIL = 4000;

  private final JdbcTemplate jdbc;

  public ApplicantRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void saveCode(String receiptNumber, QueryCodes.Hashed code, OffsetDateTime at) {
    jdbc.update("INSERT INTO ow_case_access (receipt_number, code_salt, code_hash, created_at) VALUES (?, ?, ?, ?)",
        receiptNumber, code.salt(), code.hash(), at);
  }

  public Optional<QueryCodes.Hashed> code(String receiptNumber) {
    return jdbc.query("SELECT code_salt, code_hash FROM ow_case_access WHERE receipt_number = ?",
        (rs, i) -> new QueryCodes.Hashed(rs.getString(1), rs.getString(2)), receiptNumber).stream().findFirst();
  }

  /** Locks the case row until the transaction ends, so two requests on one case go one after the other. */
  public void lockCase(String receiptNumber) {
    jdbc.queryForList("SELECT receipt_number FROM ow_case WHERE receipt_number = ? FOR UPDATE", String.class,
        receiptNumber);
  }

  public void record(String receiptNumber, String action, String detail, OffsetDateTime at) {
    String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    jdbc.update("INSERT INTO ow_applicant_action (receipt_number, action, detail, occurred_at) VALUES (?, ?, ?, ?)",
        receiptNumber, action, d, at);
  }
}
