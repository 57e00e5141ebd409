/**
 * Keeps flattened ALIAS records fresh: the {@link io.github.secdns.axfr.refresh.AliasRefresher}
 * re-resolves the ALIAS targets of host zones on a jittered schedule through a replaceable {@link
 * io.github.secdns.axfr.refresh.TargetResolver}, exports the zone again with {@link
 * io.github.secdns.core.export.ZoneExporter}, and when the flattened values changed publishes the
 * new snapshot (new serial) through a {@link io.github.secdns.axfr.refresh.ZonePublisher}. It only
 * publishes: the responder serving the zone sends the NOTIFY of every new version.
 *
 * <p>Nothing here ever falls back to the system resolver: the dnsjava-based {@link
 * io.github.secdns.axfr.refresh.DnsjavaTargetResolver} asks only the servers the host names.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.refresh;

import javax.annotation.ParametersAreNonnullByDefault;
