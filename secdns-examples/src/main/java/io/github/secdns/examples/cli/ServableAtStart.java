package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import java.util.Collection;
import java.util.Collections;
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

  // Emptied as zones arrive, then dropped: its table, sized for every zone present at start (1 MiB
  // at 100,000 zones), is not kept for the life of the process by a listener that has nothing left
  // to wait for.
  private volatile Set<Name> awaited;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /**
   * @param awaited the zones {@link #awaitServable()} waits for (those present at start)
   */
  ServableAtStart(Collection<Name> awaited) {
    // Sized at once: 100,000 zones otherwise grow the table a dozen times.
    Set<Name> set = ConcurrentHashMap.newKeySet(awaited.size());
    set.addAll(awaited);
    this.awaited = set.isEmpty() ? Collections.emptySet() : set;
    if (set.isEmpty()) {
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
    Set<Name> set = awaited;
    if (set.remove(zone) && set.isEmpty()) {
      awaited = Collections.emptySet(); // removes nothing: every later version is not awaited
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
