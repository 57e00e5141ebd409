/**
 * Zone export for secondaries: turns the host's zone as it stores it (standard records plus
 * platform-only virtual records such as ALIAS and URL) into the {@link
 * io.github.secdns.core.zone.ZoneSnapshot} that secondaries receive by AXFR/IXFR.
 *
 * <p>The entry point is {@link io.github.secdns.core.export.ZoneExporter}: it flattens virtual
 * records into A/AAAA from values it is given (it does no I/O), rewrites the apex NS set and the
 * SOA, chooses a serial that always moves forward in RFC 1982 arithmetic, and reports what it could
 * not export and what real secondaries will refuse as typed {@link
 * io.github.secdns.core.export.ExportFinding findings}.
 *
 * <p>All types are immutable and thread-safe unless documented otherwise (builders are not
 * thread-safe). Nullness: parameters and return values are non-null unless annotated otherwise;
 * absent values are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.export;

import javax.annotation.ParametersAreNonnullByDefault;
