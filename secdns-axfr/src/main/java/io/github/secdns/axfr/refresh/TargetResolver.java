package io.github.secdns.axfr.refresh;

import io.github.secdns.core.export.TargetResolution;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;

/**
 * Resolves one ALIAS target to its A and AAAA addresses. The host may replace the built-in {@link
 * DnsjavaTargetResolver} with its own (for example its platform's resolver cache).
 *
 * <p>Implementations must be thread-safe and must not block the calling thread: do the work
 * elsewhere and complete the future later. Report every failure (time-out, SERVFAIL, NXDOMAIN, no
 * A/AAAA) as {@link TargetResolution.Unresolved} with a reason a customer can read; a future that
 * completes exceptionally, or not within the refresher's resolution time-out, is treated the same
 * way. A partial answer (A but a time-out for AAAA) should be a failure too, so that the last good
 * values stay in place instead of losing one address family.
 */
@FunctionalInterface
public interface TargetResolver {

  /**
   * Starts resolving a target.
   *
   * @param target the ALIAS target, absolute
   * @return the addresses with the smallest TTL seen, or why there are none
   */
  CompletableFuture<TargetResolution> resolve(Name target);
}
