package org.onewindow.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The PostgreSQL server the operations ITs use (127.0.0.1:5432, user postgres, trust; override with
 * {@code -Donewindow.it.pg-host/-port/-user}). Each IT creates and drops its own databases, named
 * {@code onewindow_prod_*}. When the server is unreachable the ITs are skipped with the reason,
 * except with {@code CI=true}, where that is a failure.
 */
public final class Postgres implements ExecutionCondition {
  public static final String HOST = System.getProperty("onewindow.it.pg-host", "127.0.0.1");
  public static final String PORT = System.getProperty("onewindow.it.pg-port", "5432");
  public static final String USER = System.getProperty("onewindow.it.pg-user", "postgres");

  public static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
      return ConditionEvaluationResult.enabled("PostgreSQL reachable");
    } catch (SQLException e) {
      String why = "PostgreSQL is not reachable at " + url("postgres") + " as " + USER + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why + "; CI requires it for the operations ITs", e);
      }
      return ConditionEvaluationResult.disabled(why + ": the operations ITs (cluster, crash, backup, production "
          + "profile) need PostgreSQL 15 on 127.0.0.1:5432 (user postgres, trust) and are skipped.");
    }
  }

  /** Drops (if present) and creates the database. */
  public static void recreate(String database) {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
  }

  public static void drop(String database) {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private static void admin(String... statements) {
    if (!List.of(statements).stream().allMatch(s -> s.matches("[A-Z ()]+ onewindow_prod_[a-z_]+( WITH \\(FORCE\\))?"))) {
      throw new IllegalArgumentException("ITs only create and drop onewindow_prod_* databases");
    }
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
         Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Plain JDBC on one database, for the assertions (one connection, closed with {@link Jdbc#close()}). */
  public static Jdbc jdbc(String database) {
    return new Jdbc(database);
  }

  public static final class Jdbc implements AutoCloseable {
    private final SingleConnectionDataSource dataSource;
    public final JdbcTemplate template;

    Jdbc(String database) {
      dataSource = new SingleConnectionDataSource(url(database), USER, "", true);
      template = new JdbcTemplate(dataSource);
    }

    public long count(String sql, Object... args) {
      Long n = template.queryForObject(sql, Long.class, args);
      return n == null ? 0 : n;
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
      return template.queryForList(sql, args);
    }

    public <T> List<T> column(String sql, Class<T> type, Object... args) {
      return template.queryForList(sql, type, args);
    }

    @Override
    public void close() {
      dataSource.destroy();
    }
  }
}
