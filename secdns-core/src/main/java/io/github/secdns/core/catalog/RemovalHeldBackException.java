package io.github.secdns.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * Thrown when a catalog version removes more members than the {@link RemovalBrake} allows and the
 * host has not confirmed that removal. Nothing is produced: the previous version stays the one to
 * serve, and every consumer keeps the members. To publish the version anyway, produce it again with
 * {@link #confirmation()} ({@link CatalogRequest.Builder#confirmRemoval}).
 */
public final class RemovalHeldBackException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** How many removed members the message names. */
  static final int MAX_LISTED = 20;

  private final transient Name catalog;
  private final int previousMembers;
  private final transient List<Name> removed;
  private final transient RemovalBrake brake;
  private final transient RemovalConfirmation confirmation;

  RemovalHeldBackException(
      Name catalog,
      int previousMembers,
      List<Name> removed,
      RemovalBrake brake,
      RemovalConfirmation confirmation,
      boolean otherConfirmationGiven) {
    super(message(catalog, previousMembers, removed, brake, confirmation, otherConfirmationGiven));
    this.catalog = catalog;
    this.previousMembers = previousMembers;
    this.removed = List.copyOf(removed);
    this.brake = brake;
    this.confirmation = confirmation;
  }

  /**
   * Returns the catalog concerned.
   *
   * @return its name
   */
  public Name catalog() {
    return catalog;
  }

  /**
   * Returns how many members the previous version lists.
   *
   * @return the count
   */
  public int previousMembers() {
    return previousMembers;
  }

  /**
   * Returns the members the held-back version would remove.
   *
   * @return an unmodifiable list in canonical name order, lower case
   */
  public List<Name> removed() {
    return removed;
  }

  /**
   * Returns the brake that held the version back.
   *
   * @return the brake
   */
  public RemovalBrake brake() {
    return brake;
  }

  /**
   * Returns the confirmation that lets exactly this removal through.
   *
   * @return the confirmation for {@link #removed()}
   */
  public RemovalConfirmation confirmation() {
    return confirmation;
  }

  private static String message(
      Name catalog,
      int previous,
      List<Name> removed,
      RemovalBrake brake,
      RemovalConfirmation confirmation,
      boolean otherConfirmationGiven) {
    String listed =
        removed.stream()
            .limit(MAX_LISTED)
            .map(n -> n.toString(true))
            .collect(Collectors.joining(", "));
    if (removed.size() > MAX_LISTED) {
      listed += " and " + (removed.size() - MAX_LISTED) + " more";
    }
    return "the catalog zone "
        + catalog
        + " was not published: the new version removes "
        + removed.size()
        + " of its "
        + previous
        + " member zones ("
        + String.format(Locale.ROOT, "%.1f", removed.size() * 100.0 / previous)
        + " %), more than the brake allows ("
        + brake.maxRemovedPercent()
        + " %), and every consumer would delete them with their data. Removed: "
        + listed
        + "."
        + (otherConfirmationGiven ? " The confirmation given was for another set of removals." : "")
        + " If this is intended, publish it with the confirmation "
        + confirmation.token()
        + ".";
  }
}
