package io.github.secdns.core.catalog;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The order in which a host makes a new catalog version visible: every member zone the version adds
 * is served first, then the catalog version, and only then are the members it removed withdrawn.
 * Pure: it names the steps, the host (or {@link #applyTo}) carries them out.
 *
 * <p>Why this order. A consumer that sees a new member in the catalog transfers that member at once
 * (BIND, Knot and PowerDNS all do, within a second); if the primary does not serve it yet, the
 * transfer fails and the consumer waits for its retry timer, minutes or more. A consumer that gets
 * a member's NOTIFY before the catalog lists the member drops the NOTIFY ("not authoritative", RFC
 * 9432 section 5: NOTIFY may arrive before the member is seen in the catalog); that costs nothing,
 * because the consumer transfers the member when the catalog lists it. On removal, the catalog goes
 * first, so that no consumer ever holds a catalog listing a zone the primary no longer serves
 * (refreshes of it would fail until the consumer sees the next catalog version). Together: at every
 * point between two steps, each member the served catalog lists is served, so a host that stops
 * half-way (a crash, a failed step) leaves consumers nothing to fail on, and can run the same plan
 * again.
 *
 * <p>Members listed under a new label ({@link CatalogVersion#relabeled()}) need no step of their
 * own: they are served throughout, and consumers reset and transfer them again when they see the
 * catalog version. A change inside a member that stays listed is an ordinary publish of that zone,
 * outside this plan. A version that changed nothing ({@link CatalogVersion#changed()} false) has no
 * steps.
 *
 * <p>Immutable and thread-safe.
 */
public final class CatalogPublication {

  /** One step of the plan. */
  public sealed interface Step permits PublishMember, PublishCatalog, WithdrawMember {}

  /**
   * Serve a member zone the new catalog version adds: its current version, published the way the
   * host publishes any zone (with its NOTIFY targets and transfer policy), before the catalog lists
   * it.
   *
   * @param zone the member zone, canonical
   */
  public record PublishMember(Name zone) implements Step {
    /** Checks for null. */
    public PublishMember {
      Objects.requireNonNull(zone, "zone");
    }
  }

  /**
   * Serve the new catalog version (which sends the catalog's NOTIFY to its consumers).
   *
   * @param catalog the catalog zone's new version
   */
  public record PublishCatalog(ZoneSnapshot catalog) implements Step {
    /** Checks for null. */
    public PublishCatalog {
      Objects.requireNonNull(catalog, "catalog");
    }
  }

  /**
   * Stop serving a member zone the new catalog version no longer lists. A host that also wants no
   * consumer to ask for it in vain meanwhile waits, before this step, until its consumers serve the
   * new catalog serial.
   *
   * @param zone the member zone, canonical
   */
  public record WithdrawMember(Name zone) implements Step {
    /** Checks for null. */
    public WithdrawMember {
      Objects.requireNonNull(zone, "zone");
    }
  }

  /**
   * Carries out the steps: the host's way of serving and withdrawing zones. Each method returns
   * once its change is served (the next request sees it); a failure is reported by throwing.
   * Implementations should be idempotent (publishing the version already served, or withdrawing a
   * zone not served, changes nothing), so that a plan interrupted by a failure can be run again.
   */
  public interface Publisher {
    /**
     * Serves the current version of a member zone.
     *
     * @param zone the member zone, canonical
     */
    void publishMember(Name zone);

    /**
     * Serves a catalog version.
     *
     * @param catalog the catalog zone's version
     */
    void publishCatalog(ZoneSnapshot catalog);

    /**
     * Stops serving a member zone.
     *
     * @param zone the member zone, canonical
     */
    void withdrawMember(Name zone);
  }

  private final List<Step> steps;

  private CatalogPublication(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Plans the publication of a catalog version: the members it adds (canonical order), the catalog
   * itself, the members it removes (canonical order). Nothing when the version changed nothing.
   *
   * @param version what {@link CatalogProducer#produce} returned
   * @return the plan
   */
  public static CatalogPublication of(CatalogVersion version) {
    Objects.requireNonNull(version, "version");
    List<Step> steps = new ArrayList<>();
    if (version.changed()) {
      version.added().forEach(zone -> steps.add(new PublishMember(zone)));
      steps.add(new PublishCatalog(version.snapshot()));
      version.removed().forEach(zone -> steps.add(new WithdrawMember(zone)));
    }
    return new CatalogPublication(steps);
  }

  /**
   * Returns the steps in the order to carry them out; each starts once the one before it is served.
   *
   * @return the steps, unmodifiable
   */
  public List<Step> steps() {
    return steps;
  }

  /**
   * Tells whether there is nothing to publish.
   *
   * @return true when the plan has no step
   */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /**
   * Carries out the steps in order on the calling thread. A step that throws ends the plan there:
   * the exception reaches the caller, the steps after it are not run, and what was served so far is
   * safe (every member the served catalog lists is served).
   *
   * @param publisher the host's way of serving and withdrawing zones
   */
  public void applyTo(Publisher publisher) {
    Objects.requireNonNull(publisher, "publisher");
    for (Step step : steps) {
      if (step instanceof PublishMember m) {
        publisher.publishMember(m.zone());
      } else if (step instanceof PublishCatalog c) {
        publisher.publishCatalog(c.catalog());
      } else if (step instanceof WithdrawMember w) {
        publisher.withdrawMember(w.zone());
      }
    }
  }

  @Override
  public String toString() {
    long publish = steps.stream().filter(PublishMember.class::isInstance).count();
    long withdraw = steps.stream().filter(WithdrawMember.class::isInstance).count();
    return "CatalogPublication[publish "
        + publish
        + " members, "
        + (steps.isEmpty() ? "no catalog version" : "then the catalog")
        + ", then withdraw "
        + withdraw
        + " members]";
  }
}
