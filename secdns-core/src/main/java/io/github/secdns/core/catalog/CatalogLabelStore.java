package io.github.secdns.core.catalog;

import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Service provider interface for the host's record of member labels: which label each member of
 * each catalog has. A label is chosen once and kept, because consumers treat a changed label as a
 * removal followed by an addition (a full re-transfer and the loss of the member's state). secdns
 * ships {@link InMemoryCatalogLabelStore}; a host that restarts keeps labels in its database
 * ({@code JdbcCatalogLabelStore} in the {@code secdns-jdbc} module implements this interface on
 * PostgreSQL and H2).
 *
 * <p>secdns calls a store only through {@link MemberLabels}. Names passed in are absolute and lower
 * case (canonical); implementations may rely on that to index them as text. Within one catalog, a
 * member has at most one label and a label belongs to at most one member: {@link #insert} and
 * {@link #replace} must keep both rules atomically, also against other processes sharing the store
 * (a unique index on (catalog, member) and one on (catalog, label) with an insert that does nothing
 * on conflict is enough).
 *
 * <p>Threading: implementations must be safe for concurrent use. They do their own I/O and report
 * failures by throwing an unchecked exception, which reaches the caller of {@link MemberLabels}.
 */
public interface CatalogLabelStore {

  /**
   * Returns every label kept for a catalog.
   *
   * @param catalog the catalog zone's name, canonical
   * @return member zone (canonical) to label; empty when the catalog has none
   */
  Map<Name, MemberLabel> labels(Name catalog);

  /**
   * Returns the label kept for one member.
   *
   * @param catalog the catalog zone's name, canonical
   * @param member the member zone's name, canonical
   * @return the label, or empty when the member has none
   */
  Optional<MemberLabel> label(Name catalog, Name member);

  /**
   * Keeps a label for a member that has none, unless another member of the catalog has that label.
   * It must be durable when this method returns true.
   *
   * @param catalog the catalog zone's name, canonical
   * @param member the member zone's name, canonical
   * @param label the label to keep
   * @return true when kept; false, changing nothing, when the member already has a label or the
   *     label belongs to another member
   */
  boolean insert(Name catalog, Name member, MemberLabel label);

  /**
   * Changes a member's label, if it still is {@code expected} and no other member has {@code
   * replacement} (a compare-and-set). It must be durable when this method returns true.
   *
   * @param catalog the catalog zone's name, canonical
   * @param member the member zone's name, canonical
   * @param expected the label the member has now
   * @param replacement the new label
   * @return true when changed; false, changing nothing, otherwise
   */
  boolean replace(Name catalog, Name member, MemberLabel expected, MemberLabel replacement);

  /**
   * Forgets a member's label.
   *
   * @param catalog the catalog zone's name, canonical
   * @param member the member zone's name, canonical
   * @return true when the member had a label
   */
  boolean remove(Name catalog, Name member);
}
