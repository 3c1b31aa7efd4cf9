package org.onewindow.benchmark;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Calls and database time per statement from pg_stat_statements, where the server loads it
 * (shared_preload_libraries). The engine's statements differ only in their parameters, so each is
 * one entry; the benchmarks' own statistics queries are left out. Each entry holds calls, database
 * time (ms), plans and planning time (ms); the last two stay 0 unless the server tracks planning
 * ({@code pg_stat_statements.track_planning = on}).
 */
final class StatementStats {
  private StatementStats() {}

  static final int CALLS = 0, TIME = 1, PLANS = 2, PLAN_TIME = 3;

  /** Calls, database time, plans and planning time per statement so far in this database; empty without the extension. */
  static Map<String, double[]> snapshot(JdbcTemplate jdbc) {
    try {
      jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      Map<String, double[]> calls = new HashMap<>();
      jdbc.query("""
          SELECT query, calls, total_exec_time, plans, total_plan_time FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT LIKE '%pg_stat%' AND query NOT LIKE '%pg_database_size%'
            AND query NOT LIKE 'VACUUM%' AND query NOT LIKE 'ANALYZE%' AND query NOT LIKE 'CREATE EXTENSION%'""",
          (java.sql.ResultSet rs) -> {
            calls.merge(rs.getString(1).replaceAll("\\s+", " ").strip(),
                new double[] {rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getDouble(5)}, StatementStats::plus);
          });
      return calls;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** The statements run between two snapshots, with their calls and time in that interval. */
  static Map<String, double[]> since(Map<String, double[]> before, Map<String, double[]> after) {
    Map<String, double[]> delta = new HashMap<>();
    after.forEach((sql, v) -> {
      double[] b = before.getOrDefault(sql, new double[4]);
      if (v[CALLS] > b[CALLS]) {
        delta.put(sql, new double[] {v[0] - b[0], v[1] - b[1], v[2] - b[2], v[3] - b[3]});
      }
    });
    return delta;
  }

  /** Calls, times and plans of all statements together. */
  static double[] total(Map<String, double[]> statements) {
    return statements.values().stream().reduce(new double[4], StatementStats::plus);
  }

  static double[] plus(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]};
  }

  /** The statements with the most database time, one line each: calls per unit, ms per call, the statement. */
  static void appendCostliest(StringBuilder out, Map<String, double[]> statements, double units, int limit,
      int width) {
    statements.entrySet().stream()
        .sorted(java.util.Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[TIME]).reversed())
        .limit(limit)
        .forEach(e -> out.append(String.format("  %5.2f x %6.3f ms  %s%n", e.getValue()[CALLS] / units,
            e.getValue()[TIME] / e.getValue()[CALLS], shorten(e.getKey(), width))));
  }

  /** A statement cut to fit one line of a report. */
  static String shorten(String sql, int length) {
    return sql.length() > length ? sql.substring(0, length) + "…" : sql;
  }
}
