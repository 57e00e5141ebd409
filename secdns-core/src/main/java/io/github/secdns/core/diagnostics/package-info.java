/**
 * The diagnostics engine: a pure function from a Secondary DNS configuration, facts the host knows
 * and observations gathered from the network to an ordered, immutable report of findings.
 *
 * <p>Entry point: {@link io.github.secdns.core.diagnostics.DiagnosticEngine#diagnose}. The engine
 * does no I/O and reads the time only from the {@link java.time.Clock} in {@link
 * io.github.secdns.core.diagnostics.HostFacts}; the prober in {@code secdns-axfr} gathers {@link
 * io.github.secdns.core.diagnostics.Observations}. Every observation may be missing: the engine
 * then reports what it could not judge instead of guessing. Each finding carries a stable {@link
 * io.github.secdns.core.diagnostics.DiagnosticCode} that hosts map to their own UI and translations
 * (see {@code docs/DIAGNOSTICS.md}).
 *
 * <p>All types are immutable and thread-safe once built; builders are not thread-safe.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.diagnostics;

import javax.annotation.ParametersAreNonnullByDefault;
