package io.github.secdns.core.catalog;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What {@link CatalogProducer#produce} returns: the catalog zone to serve and what changed since
 * the previous version.
 *
 * @param snapshot the catalog zone; the previous version itself when nothing changed
 * @param changed false when the content equals the previous version's, so there is nothing to
 *     publish or NOTIFY
 * @param added member zones the previous version did not list, canonical, in canonical order
 * @param removed member zones the previous version listed and this one does not, canonical, in
 *     canonical order
 * @param relabeled member zones listed by both under different labels (consumers reset them),
 *     canonical, in canonical order
 */
public record CatalogVersion(
    ZoneSnapshot snapshot,
    boolean changed,
    List<Name> added,
    List<Name> removed,
    List<Name> relabeled) {

  /** Checks for nulls and copies the lists. */
  public CatalogVersion {
    Objects.requireNonNull(snapshot, "snapshot");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    relabeled = List.copyOf(relabeled);
  }
}
