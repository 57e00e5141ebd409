/**
 * secdns jdbc: the version store and IXFR journal of {@code io.github.secdns.core} on PostgreSQL
 * and H2 through plain JDBC, with a change feed and a leader lease for several responder nodes.
 *
 * <p>Needs only {@code java.sql} and core at run time; the JDBC driver and pool are the host's.
 * Flyway is optional ({@code requires static}): only {@link io.github.secdns.jdbc.FlywayMigrations}
 * uses it.
 */
module io.github.secdns.jdbc {
  requires transitive io.github.secdns.core;
  requires transitive java.sql;
  requires static jsr305;
  // Flyway 13 declares no module name; its automatic name comes from the jar (flyway-core-*.jar).
  requires static flyway.core;

  exports io.github.secdns.jdbc;
}
