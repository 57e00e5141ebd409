/**
 * The prober: gathers the observations the diagnostics engine needs from the network.
 *
 * <p>{@link io.github.secdns.axfr.probe.Prober} asks the parent zone's servers for the delegation
 * (given, or found by a walk from {@link io.github.secdns.axfr.probe.RootHints root hints}),
 * resolves each name server through an injected {@link
 * io.github.secdns.axfr.probe.NameServerResolver} (never the system resolver), sends a
 * non-recursive SOA query over UDP and over TCP to every address, then learns the zone digest (RFC
 * 8976) each authoritative address serves ({@link io.github.secdns.axfr.probe.ContentComparison}),
 * in parallel, each query with a time-out and the whole within a time budget. Network failures
 * become observations, never exceptions. The result feeds {@link
 * io.github.secdns.core.diagnostics.DiagnosticEngine}.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.probe;

import javax.annotation.ParametersAreNonnullByDefault;
