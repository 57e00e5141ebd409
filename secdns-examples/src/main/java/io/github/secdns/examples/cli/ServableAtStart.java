package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.Name;

/**
 * The zones present at start, as the responder's {@link VersionListener} reports them servable:
 * {@code serve} waits on it before saying {@code listening on} (every zone present at start can
 * then be transferred). What the responder applies to a zone afterwards (the configuration revision
 * the diagnostics compare with the one saved) is asked of the responder ({@link
 * AxfrResponder#servedVersion}), which keeps it per zone in primitive fields: a copy here held
 * about 150 octets per zone.
 *
 * <p>Thread-safe: the responder's zone threads report, any thread waits.
 */
final class ServableAtStart implements VersionListener {

  private final Set<Name> awaited;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /**
   * @param awaited the zones {@link #awaitServable()} waits for (those present at start)
   */
  ServableAtStart(Collection<Name> awaited) {
    // Sized at once: 100,000 zones otherwise grow the table a dozen times.
    this.awaited = ConcurrentHashMap.newKeySet(awaited.size());
    this.awaited.addAll(awaited);
    if (this.awaited.isEmpty()) {
      ready.complete(null);
    }
  }

  @Override
  public void servable(ServedVersion version) {
    arrived(version.zone());
  }

  @Override
  public void withdrawn(Name zone) {
    arrived(zone); // withdrawn before it was servable: nothing more to wait for
  }

  private void arrived(Name zone) {
    if (awaited.remove(zone) && awaited.isEmpty()) {
      ready.complete(null);
    }
  }

  /** Whether every awaited zone is servable (or withdrawn) now. */
  boolean allServable() {
    return ready.isDone();
  }

  /** Waits until every awaited zone is servable (or withdrawn). */
  void awaitServable() throws InterruptedException {
    try {
      ready.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
