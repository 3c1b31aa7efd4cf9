package org.onewindow.benchmark;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Calls and database time per statement from pg_stat_statements, where the server loads it
 * (shared_preload_libraries). The engine's statements differ only in their parameters, so each is
 * one entry; the benchmarks' own statistics queries are left out.
 */
final class StatementStats {
  private StatementStats() {}

  /** Calls and database time (ms) per statement so far in this database; empty without the extension. */
  static Map<String, double[]> snapshot(JdbcTemplate jdbc) {
    try {
      jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      Map<String, double[]> calls = new HashMap<>();
      jdbc.query("""
          SELECT query, calls, total_exec_time FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT LIKE '%pg_stat%' AND query NOT LIKE '%pg_database_size%'
            AND query NOT LIKE 'VACUUM%' AND query NOT LIKE 'ANALYZE%' AND query NOT LIKE 'CREATE EXTENSION%'""",
          (java.sql.ResultSet rs) -> {
            calls.merge(rs.getString(1).replaceAll("\\s+", " ").strip(),
                new double[] {rs.getLong(2), rs.getDouble(3)}, StatementStats::plus);
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
      double[] b = before.getOrDefault(sql, new double[2]);
      if (v[0] > b[0]) {
        delta.put(sql, new double[] {v[0] - b[0], v[1] - b[1]});
      }
    });
    return delta;
  }

  /** Calls and time of all statements together. */
  static double[] total(Map<String, double[]> statements) {
    return statements.values().stream().reduce(new double[2], StatementStats::plus);
  }

  static double[] plus(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1]};
  }

  /** A statement cut to fit one line of a report. */
  static String shorten(String sql, int length) {
    return sql.length() > length ? sql.substring(0, length) + "…" : sql;
  }
}
