package org.onewindow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh benchmark database per run, created before Spring connects to it (the benchmark
 * classes call this from their static initialisers; only the first call acts, since both
 * share one Spring context). PostgreSQL only.
 */
final class BenchmarkDatabase {
  private static boolean done;

  private BenchmarkDatabase() {}

  static synchronized void recreateOnce() {
    String url = System.getProperty("TEST_DB_URL", "");
    if (done || !url.startsWith("jdbc:postgresql:")) {
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
}
