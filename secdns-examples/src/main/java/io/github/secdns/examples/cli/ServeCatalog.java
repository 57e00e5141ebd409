package io.github.secdns.examples.cli;

import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.core.catalog.CatalogMember;
import io.github.secdns.core.catalog.CatalogProducer;
import io.github.secdns.core.catalog.CatalogPublication;
import io.github.secdns.core.catalog.CatalogRequest;
import io.github.secdns.core.catalog.CatalogVersion;
import io.github.secdns.core.catalog.InMemoryCatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.core.catalog.RemovalConfirmation;
import io.github.secdns.core.catalog.RemovalHeldBackException;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The catalog zone of {@code serve --zone-dir DIR --catalog NAME} (RFC 9432, {@code core.catalog}):
 * it lists every zone served from the directory, and follows the directory in the order
 * docs/architecture/catalog.md prescribes ({@link CatalogPublication}): a new member is served
 * before the catalog version that lists it; a removed member is withdrawn only after the catalog
 * version without it is served.
 *
 * <p><b>Labels</b> are chosen by {@link MemberLabels} and kept in memory for the process's life. No
 * label file: the standard label is derived from the member's name alone, so a restart derives the
 * same labels and consumers see no change (only a label collision's second choice, which has a
 * chance below 10<sup>-12</sup> at a million members, would differ).
 *
 * <p><b>The removal brake</b> ({@link io.github.secdns.core.catalog.RemovalBrake#DEFAULT}, 10 %): a
 * version that removes more members is held back, with a message naming the count and the token;
 * the members stay served (the catalog served still lists them) until the operator types {@code
 * confirm-removal TOKEN}, which lets exactly that set of removals through at the next poll.
 *
 * <p>Thread-safe: the watcher thread syncs, the standard-input reader confirms; both synchronized.
 */
final class ServeCatalog {

  private final Name catalog;
  private final Optional<String> group;
  private final SecondaryDnsConfiguration configuration;
  private final PublishedZones published;
  private final ServeZones served;
  private final ServeStatus status;
  private final PrintStream out;
  private final PrintStream err;
  private final CatalogProducer producer;
  private final MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
  @Nullable private ZoneSnapshot current;
  @Nullable private RemovalConfirmation confirmation;
  @Nullable private String heldBack;
  private int listed;

  /**
   * @param configuration the catalog zone's configuration (the same transfer settings as every
   *     member: ACL, key, NOTIFY targets)
   */
  ServeCatalog(
      Name catalog,
      Optional<String> group,
      SecondaryDnsConfiguration configuration,
      PublishedZones published,
      ServeZones served,
      ServeStatus status,
      Clock clock,
      PrintStream out,
      PrintStream err) {
    this.catalog = catalog;
    this.group = group;
    this.configuration = configuration;
    this.published = published;
    this.served = served;
    this.status = status;
    this.out = out;
    this.err = err;
    this.producer = CatalogProducer.create(clock);
  }

  Name name() {
    return catalog;
  }

  /** The number of members the catalog served lists. */
  synchronized int members() {
    return listed;
  }

  /**
   * Makes the catalog list exactly these zones (every one of them served already): produces a new
   * version and publishes it, then withdraws the members it no longer lists through {@code
   * withdraw}. A removal above the brake is held back (said once per set of removals).
   *
   * @param members the zones served from the directory now
   * @param withdraw stops serving a removed member (after the catalog version without it)
   */
  synchronized void sync(Set<Name> members, Consumer<Name> withdraw) {
    CatalogRequest.Builder request = CatalogRequest.builder(catalog);
    for (Map.Entry<Name, MemberLabel> e : labels.assign(catalog, members).entrySet()) {
      CatalogMember m = CatalogMember.of(e.getKey(), e.getValue());
      request.addMember(group.isPresent() ? m.withGroups(List.of(group.get())) : m);
    }
    if (current != null) {
      request.previous(current);
    }
    if (confirmation != null) {
      request.confirmRemoval(confirmation);
    }
    CatalogVersion version;
    try {
      version = producer.produce(request.build());
    } catch (RemovalHeldBackException e) {
      String token = e.confirmation().token();
      if (!token.equals(heldBack)) {
        heldBack = token;
        err.println(
            "serve: "
                + Main.oneLine(e)
                + " The removed zones stay served; type 'confirm-removal "
                + token
                + "' to remove them.");
        err.flush();
      }
      return;
    } catch (IllegalArgumentException e) { // ValidationException among others
      err.println("serve: catalog " + catalog + " not published: " + Main.oneLine(e));
      err.flush();
      return;
    }
    heldBack = null;
    if (!version.changed()) {
      return;
    }
    if (current == null) {
      ServeZoneState state = new ServeZoneState();
      state.serving(configuration);
      served.put(catalog, state);
    }
    CatalogPublication.of(version)
        .applyTo(
            new CatalogPublication.Publisher() {
              @Override
              public void publishMember(Name zone) {
                // Published by the zone directory before this sync: served already.
              }

              @Override
              public void publishCatalog(ZoneSnapshot snapshot) {
                published.publish(snapshot);
                current = snapshot;
                listed = members.size();
                status.published(catalog, snapshot.serial());
                out.println(
                    "published catalog "
                        + catalog
                        + " serial "
                        + snapshot.serial()
                        + ": "
                        + members.size()
                        + " members ("
                        + version.added().size()
                        + " added, "
                        + version.removed().size()
                        + " removed)");
                out.flush();
              }

              @Override
              public void withdrawMember(Name zone) {
                withdraw.accept(zone);
              }
            });
    if (!version.removed().isEmpty()) {
      confirmation = null; // used up: a later removal needs its own
    }
  }

  /**
   * The operator's {@code confirm-removal TOKEN}: the held-back removal goes through at the next
   * poll, if the token is the one its message gave (it names exactly that set of removals).
   */
  synchronized String confirm(String token) {
    try {
      confirmation = new RemovalConfirmation(token);
    } catch (IllegalArgumentException e) {
      return "confirm-removal: " + Main.oneLine(e);
    }
    return heldBack != null && heldBack.equals(token)
        ? "confirm-removal: the removal is confirmed; the catalog is published at the next poll"
        : "confirm-removal: no removal held back has this token (it names one exact set of"
            + " removals)";
  }
}
