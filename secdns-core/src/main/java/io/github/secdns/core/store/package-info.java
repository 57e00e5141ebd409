/**
 * Service provider interfaces for persistence shared by several responder nodes: the version store
 * ({@link io.github.secdns.core.store.ZoneVersionStore}), which holds each zone's current version
 * and its IXFR journal, publishes by compare-and-set and tells every node about new versions
 * through a change feed.
 *
 * <p>Everything here is an interface or an immutable value; nothing in this package does I/O. The
 * implementations (for example {@code secdns-jdbc}) do.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.store;

import javax.annotation.ParametersAreNonnullByDefault;
