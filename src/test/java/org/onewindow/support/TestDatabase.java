package org.onewindow.support;

/** Which database the suite runs on: {@code -Donewindow.test.db=postgres} (Maven profile test-postgres) or H2. */
public final class TestDatabase {
  public static final String PROPERTY = "onewindow.test.db";

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty(PROPERTY, "h2"));
  }

  public static String name() {
    return postgres() ? "postgres" : "h2";
  }

  /** JDBC URL of the database the plain process-engine tests use (not the Spring tests' one). */
  public static String processTestUrl() {
    return postgres()
        ? System.getProperty("onewindow.test.process-db-url", "jdbc:postgresql://127.0.0.1:5432/onewindow_process_test")
        : "jdbc:h2:mem:onewindow-process-test;DB_CLOSE_DELAY=-1";
  }
}
