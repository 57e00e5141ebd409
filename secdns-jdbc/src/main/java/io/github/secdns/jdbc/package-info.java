/**
 * The secdns store on a relational database through plain JDBC (PostgreSQL and H2): {@link
 * io.github.secdns.jdbc.JdbcZoneStore} implements the version store and the IXFR journal, with a
 * change feed for several nodes and a {@link io.github.secdns.jdbc.LeaderLease} that elects one
 * node per duty; {@link io.github.secdns.jdbc.JdbcCatalogLabelStore} keeps the member labels of
 * catalog zones; {@link io.github.secdns.jdbc.FlywayMigrations} and {@link
 * io.github.secdns.jdbc.StoreSchema} bring the schema.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.jdbc;

import javax.annotation.ParametersAreNonnullByDefault;
