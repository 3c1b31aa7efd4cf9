package org.onewindow.rating;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** ow_rating: one rating per case (its primary key), and the follow-up of a bad one. */
@Repository
public class RatingRepository {
  private final JdbcTemplate jdbc;

  public RatingRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String receiptNumber, Rating rating, String comment, OffsetDateTime at) {
    jdbc.update("INSERT INTO ow_rating (receipt_number, rating, comment_text, rated_at) VALUES (?, ?, ?, ?)",
        receiptNumber, rating.name(), comment, at);
  }

  public void followUpStarted(String receiptNumber, String processInstanceId, OffsetDateTime dueAt) {
    jdbc.update("UPDATE ow_rating SET follow_up_process_instance_id = ?, follow_up_due_at = ? WHERE receipt_number = ?",
        processInstanceId, dueAt, receiptNumber);
  }

  public void followedUp(String receiptNumber, String outcome, boolean resolved, String by, OffsetDateTime at) {
    jdbc.update("""
        UPDATE ow_rating SET follow_up_outcome = ?, follow_up_resolved = ?, followed_up_by = ?, followed_up_at = ?
        WHERE receipt_number = ?""", outcome, resolved, by, at, receiptNumber);
  }

  public Optional<RatingRecord> find(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_rating WHERE receipt_number = ?", RatingRepository::map, receiptNumber)
        .stream().findFirst();
  }

  /** Counts per grade of the ratings given in {@code [from, to)}, with the follow-ups as of {@code now}. */
  public record GradeCount(Rating rating, long total, long followedUp, long followedUpInTime, long overdue) {}

  public List<GradeCount> counts(OffsetDateTime from, OffsetDateTime to, OffsetDateTime now) {
    return jdbc.query("""
        SELECT rating, COUNT(*),
          SUM(CASE WHEN followed_up_at IS NOT NULL THEN 1 ELSE 0 END),
          SUM(CASE WHEN followed_up_at IS NOT NULL AND followed_up_at <= follow_up_due_at THEN 1 ELSE 0 END),
          SUM(CASE WHEN followed_up_at IS NULL AND follow_up_due_at < ? THEN 1 ELSE 0 END)
        FROM ow_rating WHERE rated_at >= ? AND rated_at < ? GROUP BY rating""",
        (rs, i) -> new GradeCount(Rating.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5)), now, from, to);
  }

  private static RatingRecord map(ResultSet rs, int row) throws SQLException {
    Object resolved = rs.getObject("follow_up_resolved");
    return new RatingRecord(rs.getString("receipt_number"), Rating.valueOf(rs.getString("rating")),
        rs.getString("comment_text"), rs.getObject("rated_at", OffsetDateTime.class),
        rs.getString("follow_up_process_instance_id"), rs.getObject("follow_up_due_at", OffsetDateTime.class),
        rs.getString("follow_up_outcome"), resolved == null ? null : rs.getBoolean("follow_up_resolved"),
        rs.getString("followed_up_by"), rs.getObject("followed_up_at", OffsetDateTime.class));
  }
}
