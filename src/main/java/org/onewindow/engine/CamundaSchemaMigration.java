package org.onewindow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Creates the Camunda 7.24 schema with the engine's own SQL scripts, as a versioned Flyway
 * migration (0.1, before the project's tables), instead of letting the engine change the schema
 * at start-up. An engine upgrade adds a migration that runs the engine's upgrade script
 * ({@code org/camunda/bpm/engine/db/upgrade/<db>_engine_7.24_to_7.25.sql}); see README.
 */
@Component
public class CamundaSchemaMigration extends ProjectJavaMigration {
  /** The engine's own creation order: runtime, history, identity, then CMMN and DMN. */
  private static final List<String> PARTS = List.of(
      "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

  public CamundaSchemaMigration() {
    super("0.1", "Camunda 7.24 engine schema", 724_000); // the engine version whose scripts this runs
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String database = product.contains("postgres") ? "postgres" : product.contains("h2") ? "h2" : null;
    if (database == null) {
      throw new IllegalStateException("No Camunda schema scripts for database " + product);
    }
    try (Statement statement = connection.createStatement()) {
      for (String part : PARTS) {
        for (String sql : statements(script("org/camunda/bpm/engine/db/create/activiti." + database + ".create." + part + ".sql"))) {
          statement.execute(sql);
        }
      }
    }
  }

  private static String script(String resource) throws IOException {
    try (InputStream in = CamundaSchemaMigration.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing engine script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The scripts are plain DDL and inserts: statements end with ';' at the end of a line. */
  static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .toList();
  }
}
