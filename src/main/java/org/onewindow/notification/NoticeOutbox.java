package org.onewindow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notices to applicants (ow_notice_outbox): enqueued in the transaction of the case step that
 * causes them, delivered later by {@link NoticeSender}. A row is the notice's record too: what was
 * sent, to whom, when, after how many attempts, or why it failed.
 */
@Repository
public class NoticeOutbox {
  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  /** No longer due: what it was about was settled before it could be sent (supplied, withdrawn). */
  public static final String CANCELLED = "CANCELLED";
  static final int MAX_TEXT = 1000;
  private static final int MAX_ERROR = 500;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  /** @param clock real time, for when a notice is due (the engine's time may be moved by tests) */
  public NoticeOutbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Notice(long id, String receiptNumber, String kind, String noticeKey, String mobile, String text,
      String status, int attempts, OffsetDateTime nextAttemptAt, String lastError, String gatewayMessageId,
      OffsetDateTime createdAt, OffsetDateTime sentAt) {}

  /**
   * Enqueues a notice in the caller's transaction, unless the case already has one with this key
   * (a retried step), due at once. Returns whether a notice was enqueued.
   *
   * @param now when the step happened (the engine's time), kept as the notice's creation time
   */
  public boolean enqueue(String receiptNumber, String kind, String noticeKey, String mobile, String text,
      OffsetDateTime now) {
    if (exists(receiptNumber, noticeKey)) {
      return false;
    }
    String clipped = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    jdbc.update("""
        INSERT INTO ow_notice_outbox (receipt_number, kind, notice_key, mobile, text_content, status, attempts,
          next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""", receiptNumber, kind, noticeKey, mobile, clipped, PENDING,
        OffsetDateTime.now(clock), now);
    return true;
  }

  public boolean exists(String receiptNumber, String noticeKey) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ow_notice_outbox WHERE receipt_number = ? AND notice_key = ?",
        Integer.class, receiptNumber, noticeKey);
    return n != null && n > 0;
  }

  /** Cancels the pending notice with this key (its step is settled). Returns whether one was cancelled. */
  public boolean cancelPending(String receiptNumber, String noticeKey, String why) {
    return jdbc.update("UPDATE ow_notice_outbox SET status = ?, last_error = ? "
        + "WHERE receipt_number = ? AND notice_key = ? AND status = ?",
        CANCELLED, clip(why), receiptNumber, noticeKey, PENDING) > 0;
  }

  /** Cancels every pending notice of the case (it was withdrawn). */
  public int cancelAllPending(String receiptNumber, String why) {
    return jdbc.update("UPDATE ow_notice_outbox SET status = ?, last_error = ? WHERE receipt_number = ? AND status = ?",
        CANCELLED, clip(why), receiptNumber, PENDING);
  }

  public List<Notice> forCase(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_notice_outbox WHERE receipt_number = ? ORDER BY created_at, id",
        NoticeOutbox::map, receiptNumber);
  }

  /** Pending notices whose next attempt is due, oldest due first. */
  List<Notice> due(OffsetDateTime now, int limit) {
    return jdbc.query("""
        SELECT * FROM ow_notice_outbox WHERE status = ? AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id FETCH FIRST ? ROWS ONLY""", NoticeOutbox::map, PENDING, now, limit);
  }

  /**
   * Takes the notice for one attempt: counts it and moves its next attempt to {@code leaseUntil}, so
   * no other sender (another node) takes it meanwhile, and a sender that dies mid-way leaves it to be
   * retried. False when someone else took it first.
   */
  boolean claim(long id, int attemptsSeen, OffsetDateTime leaseUntil) {
    return jdbc.update("""
        UPDATE ow_notice_outbox SET attempts = attempts + 1, next_attempt_at = ?
        WHERE id = ? AND status = ? AND attempts = ?""", leaseUntil, id, PENDING, attemptsSeen) == 1;
  }

  void sent(long id, String gatewayMessageId, OffsetDateTime at) {
    jdbc.update("UPDATE ow_notice_outbox SET status = ?, gateway_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
        SENT, gatewayMessageId, at, id);
  }

  void retryAt(long id, String error, OffsetDateTime next) {
    jdbc.update("UPDATE ow_notice_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?", clip(error), next, id);
  }

  void failed(long id, String error) {
    jdbc.update("UPDATE ow_notice_outbox SET status = ?, last_error = ? WHERE id = ?", FAILED, clip(error), id);
  }

  private static String clip(String error) {
    String e = error == null ? "未知错误" : error;
    return e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR - 1) + "…" : e;
  }

  private static Notice map(ResultSet rs, int row) throws SQLException {
    return new Notice(rs.getLong("id"), rs.getString("receipt_number"), rs.getString("kind"),
        rs.getString("notice_key"), rs.getString("mobile"), rs.getString("text_content"), rs.getString("status"),
        rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
        rs.getString("gateway_message_id"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("sent_at", OffsetDateTime.class));
  }
}
