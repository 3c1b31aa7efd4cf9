package org.onewindow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java: its version, description and checksum given once. The
 * checksum is fixed by the class, not computed, so it must not change once the migration has been
 * applied anywhere. Each runs in the migration's transaction.
 */
public abstract class ProjectJavaMigration implements JavaMigration {
  private final MigrationVersion version;
  private final String description;
  private final int checksum;

  protected ProjectJavaMigration(String version, String description, int checksum) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
    this.checksum = checksum;
  }

  @Override
  public MigrationVersion getVersion() {
    return version;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public Integer getChecksum() {
    return checksum;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  protected static boolean postgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }
}
