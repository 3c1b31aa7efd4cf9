package org.onewindow.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts what operators watch, with a few cheap COUNT queries, refreshed on a schedule by
 * {@link OperationsMetrics} ({@code onewindow.operations.refresh-interval}, default 30 s), never per scrape: cases per item
 * and state from the case file, clock phases from {@code ow_case_clock}, incidents and failed jobs
 * through the engine's public API, and jobs that are due but not acquired.
 *
 * <p>The numbers are the whole cluster's (they come from the shared database), so every node
 * reports the same values: aggregate them with {@code max}, not {@code sum}.
 */
@Component
public class OperationsSnapshot {
  private static final Logger log = LoggerFactory.getLogger(OperationsSnapshot.class);

  /** One count of everything; immutable. */
  public record Counts(
      Instant takenAt,
      Map<String, Long> receivedByItem,
      Map<String, Long> finishedByItemAndStatus,
      Map<String, Long> openByItem,
      Map<String, Long> clockPhases,
      long openIncidents,
      long failedJobs,
      long dueUnacquiredJobs,
      long oldestDueUnacquiredSeconds) {
    static final Counts EMPTY = new Counts(null, Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);
  }

  private final JdbcTemplate jdbc;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private volatile Counts counts = Counts.EMPTY;
  private volatile boolean clockTablePresent = true;

  public OperationsSnapshot(JdbcTemplate jdbc, RuntimeService runtimeService, ManagementService managementService) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
  }

  public Counts counts() {
    return counts;
  }

  /** Counts now; also used by tests and the health indicator. */
  public Counts refresh() {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    Map<String, Long> received = new TreeMap<>();
    Map<String, Long> finished = new TreeMap<>();
    Map<String, Long> open = new TreeMap<>();
    jdbc.query("SELECT item_code, status, finished_at IS NULL AS still_open, COUNT(*) AS n FROM ow_case "
        + "GROUP BY item_code, status, finished_at IS NULL", rs -> {
          String item = rs.getString("item_code");
          long n = rs.getLong("n");
          received.merge(item, n, Long::sum);
          if (rs.getBoolean("still_open")) {
            open.merge(item, n, Long::sum);
          } else {
            finished.merge(item + "|" + rs.getString("status"), n, Long::sum);
          }
        });
    Map<String, Long> phases = new TreeMap<>();
    for (String phase : List.of("RUNNING", "WARNING", "OVERDUE", "PAUSED")) {
      phases.put(phase, 0L);
    }
    if (clockTablePresent) {
      try {
        jdbc.query("SELECT phase, COUNT(*) AS n FROM ow_case_clock WHERE phase <> 'STOPPED' GROUP BY phase",
            rs -> {
              phases.put(rs.getString("phase"), rs.getLong("n"));
            });
      } catch (org.springframework.jdbc.BadSqlGrammarException e) {
        clockTablePresent = false;
        log.warn("No ow_case_clock table: cases in warning and overdue are reported as 0");
      }
    }
    long incidents = runtimeService.createIncidentQuery().count();
    long failedJobs = managementService.createJobQuery().noRetriesLeft().count();
    // Due, retries left, active, and no live lock: waiting for some node's job acquisition. The one
    // read of an engine table: the public job query cannot tell a locked job from a free one.
    Map<String, Object> due = jdbc.queryForMap("""
        SELECT COUNT(*) AS n, MIN(COALESCE(DUEDATE_, CREATE_TIME_)) AS oldest FROM ACT_RU_JOB
        WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1
          AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)
          AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)""", now, now);
    long dueCount = ((Number) due.get("n")).longValue();
    Object oldest = due.get("oldest");
    long oldestSeconds = 0;
    if (dueCount > 0 && oldest instanceof java.util.Date d) {
      oldestSeconds = Math.max(0, Duration.between(d.toInstant(), now.toInstant()).toSeconds());
    }
    Counts c = new Counts(now.toInstant(), Map.copyOf(received), Map.copyOf(finished), Map.copyOf(open),
        Map.copyOf(phases), incidents, failedJobs, dueCount, oldestSeconds);
    counts = c;
    return c;
  }
}
