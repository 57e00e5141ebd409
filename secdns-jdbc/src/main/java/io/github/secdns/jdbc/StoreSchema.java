package io.github.secdns.jdbc;

import java.util.List;

/**
 * Where the store's schema migrations are and what they create, for a host that applies them with
 * its own tool instead of {@link FlywayMigrations}.
 *
 * <p>The migrations are versioned SQL files in this jar, one folder per database, named the way
 * Flyway expects ({@code V<version>__<description>.sql}), each meant to run once, in version order,
 * in one transaction:
 *
 * <ul>
 *   <li>PostgreSQL: {@code db/migration/secdns-postgresql/}
 *   <li>H2: {@code db/migration/secdns-h2/}
 * </ul>
 *
 * <p>Version 1 ({@code V1__secdns_store.sql}) holds what {@link JdbcZoneStore} needs; version 2
 * ({@code V2__secdns_catalog_labels.sql}) adds the table of {@link JdbcCatalogLabelStore}; version
 * 3 ({@code V3__secdns_notify_acknowledgements.sql}) the table of {@link
 * JdbcNotifyAcknowledgements}.
 *
 * <p>The folders are deliberately not valid Java package names, so the files are readable from this
 * module on the module path too (resources in a package of a named module are encapsulated).
 */
public final class StoreSchema {

  /** The table Flyway records the applied migrations in (not Flyway's default, the host's own). */
  public static final String HISTORY_TABLE = "secdns_schema_history";

  /** The tables the migrations create. */
  public static final List<String> TABLES =
      List.of(
          "secdns_feed",
          "secdns_zone",
          "secdns_journal",
          "secdns_lease",
          "secdns_catalog_label",
          "secdns_notify_ack");

  /**
   * The migration files, in the order to run them (each folder holds one of each, for its
   * database).
   */
  public static final List<String> MIGRATIONS =
      List.of(
          "V1__secdns_store.sql",
          "V2__secdns_catalog_labels.sql",
          "V3__secdns_notify_acknowledgements.sql");

  /** The schema version the stores in this jar need: the newest migration. */
  public static final int VERSION = 3;

  private StoreSchema() {}

  /**
   * Returns the class-path location of a database's migrations, as Flyway writes it.
   *
   * @param postgresql true for PostgreSQL, false for H2
   * @return for example {@code classpath:db/migration/secdns-postgresql}
   */
  public static String location(boolean postgresql) {
    return "classpath:db/migration/" + (postgresql ? "secdns-postgresql" : "secdns-h2");
  }
}
