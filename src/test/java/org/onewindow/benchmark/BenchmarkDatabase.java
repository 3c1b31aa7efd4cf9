package org.onewindow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh benchmark database per run, created before Spring connects to it (the benchmark
 * classes call this from their static initialisers; only the first call acts, since both
 * share one Spring context). PostgreSQL only. {@code -Dbenchmark.reuse=true} keeps the database
 * a previous run left (fill mode then measures it without filling again).
 */
final class BenchmarkDatabase {
  static final boolean REUSE = Boolean.getBoolean("benchmark.reuse");
  private static boolean done;
  private static ScheduledExecutorService analyzer;

  private BenchmarkDatabase() {}

  static synchronized void recreateOnce() {
    String url = System.getProperty("TEST_DB_URL", "");
    if (done || REUSE || !url.startsWith("jdbc:postgresql:")) {
      return;
    }
    done = true;
    String name = url.substring(url.lastIndexOf('/') + 1);
    String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recreate the benchmark database " + name, e);
    }
  }

  /**
   * Production PostgreSQL runs autovacuum, which removes the rows that updates and deletes leave
   * behind and keeps the planner's statistics current as the tables grow. A server with
   * autovacuum off (this workplace's is) would leave a queue's index full of dead entries and let
   * the planner cost a 100,000-row table as if it were empty. The benchmark then does autovacuum's
   * work itself every 30 seconds, with autovacuum's default rule: VACUUM ANALYZE a table whose dead
   * rows exceed 50 + 20 % of its rows, ANALYZE one whose changes since the last analyze exceed
   * 50 + 10 %. Returns a line for the report.
   */
  static synchronized String keepStatisticsCurrent(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    if ("on".equals(jdbc.queryForObject("SHOW autovacuum", String.class))) {
      return "autovacuum on";
    }
    if (analyzer == null) {
      analyzer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-autovacuum");
        t.setDaemon(true);
        return t;
      });
      analyzer.scheduleWithFixedDelay(() -> {
        try {
          autovacuumPass(jdbc);
        } catch (RuntimeException e) {
          // the next pass tries again; a little more bloat or older statistics only cost plan quality
        }
      }, 0, 30, TimeUnit.SECONDS);
    }
    return "autovacuum off on this server: the benchmark applies autovacuum's rule every 30 s in its place";
  }

  private static void autovacuumPass(JdbcTemplate jdbc) {
    jdbc.query("""
        SELECT relname,
          n_dead_tup > 50 + 0.2 * GREATEST(n_live_tup, 0) AS vacuum,
          n_mod_since_analyze > 50 + 0.1 * GREATEST(n_live_tup, 0) AS analyze
        FROM pg_stat_user_tables WHERE schemaname = current_schema()""", rs -> {
      String table = rs.getString(1);
      if (rs.getBoolean(2)) {
        jdbc.execute("VACUUM (ANALYZE) " + table);
      } else if (rs.getBoolean(3)) {
        jdbc.execute("ANALYZE " + table);
      }
    });
  }

  /** Autovacuum's pass now, before measuring queries (production would have run it meanwhile). */
  static void analyze(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    if (!"on".equals(jdbc.queryForObject("SHOW autovacuum", String.class))) {
      autovacuumPass(jdbc);
    }
  }
}
