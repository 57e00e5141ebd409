/**
 * Serving zones from a shared version store (core's {@link
 * io.github.secdns.core.store.ZoneVersionStore}, for example {@code secdns-jdbc} on PostgreSQL or
 * H2): {@link io.github.secdns.axfr.store.StoredZoneSource} loads every zone's version and IXFR
 * history from the store, follows its change feed and hands both to the responder, so that every
 * node on the store answers the same requests identically.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.store;

import javax.annotation.ParametersAreNonnullByDefault;
