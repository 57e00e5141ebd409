package io.github.secdns.core.lifecycle;

import java.util.Objects;

/**
 * The change of a zone's apex NS set that the host applies in its own zone data: the secondary name
 * servers are published beside the primary ones, or withdrawn again.
 *
 * @param before the apex NS set as it is now
 * @param after the apex NS set the host publishes
 */
public record ApexNsChange(NameServerNames before, NameServerNames after) {

  /** Checks for nulls. */
  public ApexNsChange {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /**
   * Returns a change that changes nothing.
   *
   * @param current the apex NS set
   * @return a change from {@code current} to {@code current}
   */
  public static ApexNsChange none(NameServerNames current) {
    return new ApexNsChange(current, current);
  }

  /**
   * Returns the NS records to add.
   *
   * @return the names in {@link #after()} but not in {@link #before()}
   */
  public NameServerNames added() {
    return after.minus(before);
  }

  /**
   * Returns the NS records to remove.
   *
   * @return the names in {@link #before()} but not in {@link #after()}
   */
  public NameServerNames removed() {
    return before.minus(after);
  }

  /**
   * Tells whether the host has anything to change.
   *
   * @return true when the sets differ
   */
  public boolean changed() {
    return !before.equals(after);
  }

  @Override
  public String toString() {
    return "ApexNsChange[" + before + " -> " + after + "]";
  }
}
