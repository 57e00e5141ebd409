package io.github.secdns.examples.cli;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.Name;

/**
 * What the responder applies to each zone, as its {@link VersionListener} reports it: the serial it
 * serves and the configuration revision in force. {@code serve} waits on it before saying {@code
 * listening on} (every zone present at start can then be transferred) and gives the diagnostics the
 * revision the responder applies, not the one saved, so that "still propagating to the primary name
 * server" (CONFIGURATION_PROPAGATING) tells the truth.
 *
 * <p>Thread-safe: the responder's zone threads report, any thread reads.
 */
final class AppliedVersions implements VersionListener {

  private final ConcurrentHashMap<Name, ServedVersion> versions = new ConcurrentHashMap<>();
  private final Set<Name> awaited = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /**
   * @param awaited the zones {@link #awaitServable()} waits for (those present at start)
   */
  AppliedVersions(Collection<Name> awaited) {
    this.awaited.addAll(awaited);
    if (this.awaited.isEmpty()) {
      ready.complete(null);
    }
  }

  @Override
  public void servable(ServedVersion version) {
    versions.put(version.zone(), version);
    arrived(version.zone());
  }

  @Override
  public void withdrawn(Name zone) {
    versions.remove(zone);
    arrived(zone); // withdrawn before it was servable: nothing more to wait for
  }

  private void arrived(Name zone) {
    if (awaited.remove(zone) && awaited.isEmpty()) {
      ready.complete(null);
    }
  }

  /** Waits until every awaited zone is servable (or withdrawn). */
  void awaitServable() throws InterruptedException {
    try {
      ready.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** What the responder applies to the zone now, if it serves it. */
  Optional<ServedVersion> version(Name zone) {
    return Optional.ofNullable(versions.get(zone));
  }

  /** The configuration revision the responder applies to the zone; empty when unknown. */
  OptionalLong revision(Name zone) {
    ServedVersion v = versions.get(zone);
    return v == null ? OptionalLong.empty() : v.configurationRevision();
  }
}
