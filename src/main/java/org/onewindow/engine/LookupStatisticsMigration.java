package org.onewindow.engine;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V14: on PostgreSQL, fixes how many rows the planner expects per parent for the columns the
 * engine looks rows up by when it moves a case (an execution's variables, a case's executions, an
 * execution's children, jobs and tasks), at one in ten of the table's rows.
 *
 * <p>{@link GenericPlansPlugin} plans these lookups once, without the value. The plan then rests on
 * the column's statistics. ANALYZE on a young or quiet table that holds the rows of a few cases
 * stores a fixed number of distinct parents (say 3). As the table grows, a generic plan expects a
 * third of it per parent and reads the whole table: in the county's-year replay an execution's
 * variables took 103 buffer reads and 0.39 ms a lookup instead of 23 and 0.07 ms. A fraction
 * ({@code n_distinct = -0.1}) grows with the table. The real figures are below it (6-7 variables
 * per execution, 1-6 executions per case, at most 2 jobs or tasks per execution), so the estimate
 * errs towards more rows and an index lookup stays the plan. H2 has no such statistics.
 */
@Component
public class LookupStatisticsMigration implements JavaMigration {
  /** Table and column pairs: the engine's lookups by parent id. */
  static final List<String[]> LOOKUPS = List.of(
      new String[] {"act_ru_variable", "execution_id_"},
      new String[] {"act_ru_execution", "proc_inst_id_"},
      new String[] {"act_ru_execution", "parent_id_"},
      new String[] {"act_ru_job", "execution_id_"},
      new String[] {"act_ru_task", "execution_id_"});
  static final String DISTINCT_FRACTION = "-0.1";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("14");
  }

  @Override
  public String getDescription() {
    return "rows per parent for the engine's lookups";
  }

  @Override
  public Integer getChecksum() {
    return 14;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    String product = context.getConnection().getMetaData().getDatabaseProductName();
    if (!product.toLowerCase().contains("postgres")) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      for (String[] lookup : LOOKUPS) {
        statement.execute("ALTER TABLE " + lookup[0] + " ALTER COLUMN " + lookup[1]
            + " SET (n_distinct = " + DISTINCT_FRACTION + ")");
      }
      // The setting takes effect with the table's next ANALYZE; take it now.
      for (String table : LOOKUPS.stream().map(l -> l[0]).distinct().toList()) {
        statement.execute("ANALYZE " + table);
      }
    }
  }
}
