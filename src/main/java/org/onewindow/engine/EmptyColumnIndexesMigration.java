package org.onewindow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway V14: on PostgreSQL, the engine's single-column indexes on columns OneWindow leaves empty
 * are rebuilt under the same name with {@code WHERE column IS NOT NULL}. PostgreSQL puts NULLs in
 * a B-tree index, so every row a case writes (some 170 a case, with every update of a history row
 * written again) also wrote an entry into each of these indexes, all NULL: tenants (OneWindow has
 * none), removal times (the removal time strategy is none), CMMN case ids, batch ids, byte arrays
 * of small variables, exception stacks of jobs that did not fail, super executions (no call
 * activities). Every lookup the engine makes by such a column names a value ({@code = ?},
 * {@code <= ?}, {@code IN}), which implies NOT NULL, so the partial index serves it as before,
 * including the foreign-key checks. Lost: only an index scan for {@code IS NULL}, which matches
 * almost every row and which PostgreSQL would not choose anyway.
 *
 * <p>H2 has no partial indexes; the embedded default keeps the engine's. An engine upgrade that
 * creates new indexes on these columns can apply {@link #rebuildAsPartial} again.
 */
@Component
public class EmptyColumnIndexesMigration extends ProjectJavaMigration {
  /** Columns of the engine's tables that stay empty in OneWindow's use of the engine. */
  static final List<String> EMPTY_COLUMNS = List.of("tenant_id_", "removal_time_", "case_inst_id_",
      "case_execution_id_", "case_def_id_", "super_case_exec_", "super_exec_", "batch_id_", "bytearray_id_",
      "exception_stack_id_", "job_exception_stack_id_");

  public EmptyColumnIndexesMigration() {
    super("14", "engine indexes on empty columns without their NULL entries", 14);
  }

  @Override
  public void migrate(Context context) throws Exception {
    if (postgres(context.getConnection())) {
      rebuildAsPartial(context.getConnection());
    }
  }

  /**
   * Rebuilds each plain single-column B-tree index of the runtime, history and general tables on
   * one of {@link #EMPTY_COLUMNS} as a partial index of the non-NULL rows.
   */
  public static void rebuildAsPartial(Connection connection) throws SQLException {
    List<String[]> found = new ArrayList<>();
    String sql = """
        SELECT i.relname, t.relname, a.attname
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_am am ON am.oid = i.relam
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relnamespace = to_regnamespace(current_schema())
          AND (t.relname LIKE 'act\\_ru\\_%' OR t.relname LIKE 'act\\_hi\\_%' OR t.relname LIKE 'act\\_ge\\_%')
          AND x.indnatts = 1 AND NOT x.indisunique AND NOT x.indisprimary AND x.indpred IS NULL
          AND am.amname = 'btree' AND a.attname = ANY (?)
        ORDER BY 1""";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", EMPTY_COLUMNS.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String[] index : found) {
        statement.execute("DROP INDEX " + index[0]);
        statement.execute("CREATE INDEX " + index[0] + " ON " + index[1] + " (" + index[2] + ") WHERE " + index[2]
            + " IS NOT NULL");
      }
    }
  }
}
