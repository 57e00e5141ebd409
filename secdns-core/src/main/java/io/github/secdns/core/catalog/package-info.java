/**
 * Catalog zones (RFC 9432, schema version 2): the zone that lists a host's member zones so that
 * secondaries which consume it add, transfer and remove those zones by themselves.
 *
 * <ul>
 *   <li>{@link io.github.secdns.core.catalog.CatalogProducer} turns the members of a catalog into
 *       the catalog zone's {@link io.github.secdns.core.zone.ZoneSnapshot}: pure, refuses what
 *       consumers do not protect themselves against, and holds back a version that removes too many
 *       members ({@link io.github.secdns.core.catalog.RemovalBrake}).
 *   <li>{@link io.github.secdns.core.catalog.MemberLabels} chooses each member's label once and
 *       keeps it in a {@link io.github.secdns.core.catalog.CatalogLabelStore} (an SPI; {@link
 *       io.github.secdns.core.catalog.InMemoryCatalogLabelStore} is the in-memory one), because
 *       consumers treat a changed label as a removal followed by an addition.
 * </ul>
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}. Value types are immutable and thread-safe; each
 * other type documents its threading contract.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.catalog;

import javax.annotation.ParametersAreNonnullByDefault;
