/**
 * The embeddable zone-transfer responder (AXFR, IXFR and SOA over UDP and TCP), NOTIFY and TSIG.
 *
 * <p>Start at {@link io.github.secdns.axfr.AxfrResponder} (data flow and threading model); a host's
 * storage plugs in as a {@link io.github.secdns.axfr.ZoneSource}, ideally a subscribing one (as
 * {@link io.github.secdns.axfr.PublishedZones} is), which gets IXFR history and NOTIFY for every
 * change; several nodes are coordinated by the host through {@link
 * io.github.secdns.axfr.NotifyLeadership} and {@link io.github.secdns.axfr.VersionListener}.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr;

import javax.annotation.ParametersAreNonnullByDefault;
