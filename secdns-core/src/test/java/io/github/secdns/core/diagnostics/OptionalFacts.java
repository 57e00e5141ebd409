package io.github.secdns.core.diagnostics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.annotation.Nullable;

/** The optional scalar host facts of a test setup; null means "the host did not say". */
record OptionalFacts(
    Instant now,
    @Nullable Long appliedRevision,
    @Nullable Boolean dnssec,
    @Nullable SoaData primarySoa,
    @Nullable Instant publishedAt,
    @Nullable Boolean acceptsIpv6Primary) {

  /** A builder holding the facts that are present, at a fixed clock. */
  HostFacts.Builder builder() {
    HostFacts.Builder b = HostFacts.builder(Clock.fixed(now, ZoneOffset.UTC));
    if (appliedRevision != null) {
      b.appliedRevision(appliedRevision);
    }
    if (dnssec != null) {
      b.dnssecEnabled(dnssec);
    }
    if (primarySoa != null) {
      if (publishedAt != null) {
        b.primarySoa(primarySoa, publishedAt);
      } else {
        b.primarySoa(primarySoa);
      }
    }
    if (acceptsIpv6Primary != null) {
      b.secondaryAcceptsIpv6Primary(acceptsIpv6Primary);
    }
    return b;
  }
}
