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
   * Production PostgreSQL runs autovacuum, which keeps the planner's statistics current as the
   * tables grow. A server with autovacuum off (this workplace's is) would let the planner cost a
   * 100,000-row table as if it were empty; the benchmark then runs ANALYZE every 30 seconds,
   * as autovacuum's analyze would at these rates of change. Returns a line for the report.
   */
  static synchronized String keepStatisticsCurrent(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    if ("on".equals(jdbc.queryForObject("SHOW autovacuum", String.class))) {
      return "autovacuum on";
    }
    if (analyzer == null) {
      analyzer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-analyze");
        t.setDaemon(true);
        return t;
      });
      analyzer.scheduleWithFixedDelay(() -> {
        try {
          jdbc.execute("ANALYZE");
        } catch (RuntimeException e) {
          // the next round tries again; statistics a little older only cost plan quality
        }
      }, 0, 30, TimeUnit.SECONDS);
    }
    return "autovacuum off on this server: ANALYZE every 30 s in its place";
  }

  /** Fresh statistics now, before measuring queries. */
  static void analyze(DataSource dataSource) {
    new JdbcTemplate(dataSource).execute("ANALYZE");
  }
}
