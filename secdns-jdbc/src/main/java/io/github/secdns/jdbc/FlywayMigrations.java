package io.github.secdns.jdbc;

import io.github.secdns.jdbc.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the store's schema migrations with Flyway: the optional helper for hosts that use Flyway
 * (flyway-core, plus flyway-database-postgresql on PostgreSQL, must be on the class or module path;
 * this module only {@code requires static} it). Hosts with another migration tool run the SQL files
 * named in {@link StoreSchema} themselves and never load this class.
 *
 * <p>The migrations are recorded in their own history table ({@link StoreSchema#HISTORY_TABLE}), so
 * they live beside the host's own Flyway migrations in the same schema without mixing versions.
 */
public final class FlywayMigrations {

  private FlywayMigrations() {}

  /**
   * Brings the database to the schema this jar needs. Safe to call at every start: migrations
   * already applied are skipped, and nodes starting together migrate one after the other (a
   * PostgreSQL advisory lock; on H2 a row lock in the one-row table {@code SECDNS_MIGRATION_LOCK},
   * waited for up to a minute), so the later ones find the schema complete.
   *
   * @param dataSource the database
   * @return how many migrations were applied now
   * @throws ZoneStoreException when the database cannot be reached or a migration fails (that
   *     migration is rolled back)
   */
  public static int migrate(DataSource dataSource) {
    boolean postgresql;
    try (Connection c = dataSource.getConnection()) {
      postgresql = Dialect.of(c) == Dialect.POSTGRESQL;
    } catch (SQLException e) {
      throw new ZoneStoreException(
          "cannot reach the database to migrate it: " + StoreFailures.oneLine(e), e);
    }
    // Two nodes starting together on an empty database would both create Flyway's history table;
    // the second then finds it "already exists, and is empty" and fails to baseline. One
    // migration at a time, under a lock of our own taken before Flyway looks at the schema.
    try (Connection lock = dataSource.getConnection()) {
      MigrationLock held = MigrationLock.acquire(lock, postgresql);
      try {
        MigrateResult result =
            Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(StoreSchema.location(postgresql))
                .table(StoreSchema.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.migrationsExecuted;
      } finally {
        held.release();
      }
    } catch (SQLException e) {
      throw new ZoneStoreException(
          "cannot lock the database to migrate it: " + StoreFailures.oneLine(e), e);
    } catch (RuntimeException e) {
      throw new ZoneStoreException(
          "migrating the secdns schema failed: " + StoreFailures.oneLine(e), e);
    }
  }
}
