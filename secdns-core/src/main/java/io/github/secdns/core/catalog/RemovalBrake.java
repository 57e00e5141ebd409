package io.github.secdns.core.catalog;

/**
 * The safety brake on large removals. A catalog version that removes more than {@code
 * maxRemovedPercent} percent of the previous version's members is held back until the host confirms
 * that exact removal ({@link RemovalConfirmation}): consumers delete a removed member with all its
 * data within seconds, and an empty or shrunken catalog is the typical result of a failing script
 * or an empty database read (RFC 9432 section 6: "millions of member zones may get deleted from
 * their secondaries within seconds").
 *
 * <p>The rule is exact integer arithmetic: held back when {@code removed * 100 > maxRemovedPercent
 * * previous}. With the default of 10 %, removing 10 of 100 members passes and 11 of 100 is held
 * back; removing 1 of 5 is held back. A first version (no previous one) is never held back.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxRemovedPercent the largest share of members one version may remove without
 *     confirmation, 0 to 100; 0 holds back every removal, 100 none
 */
public record RemovalBrake(int maxRemovedPercent) {

  /** The default brake: at most 10 % of the members per version without confirmation. */
  public static final RemovalBrake DEFAULT = new RemovalBrake(10);

  /**
   * Checks the range.
   *
   * @throws IllegalArgumentException when the share is below 0 or above 100
   */
  public RemovalBrake {
    if (maxRemovedPercent < 0 || maxRemovedPercent > 100) {
      throw new IllegalArgumentException(
          "the removal brake is a share from 0 to 100 percent, was " + maxRemovedPercent);
    }
  }

  /**
   * Tells whether removing members needs the host's confirmation.
   *
   * @param previousMembers how many members the previous version lists
   * @param removed how many of them the new version no longer lists
   * @return true when {@code removed} is more than the allowed share of {@code previousMembers}
   * @throws IllegalArgumentException when a count is negative or {@code removed > previousMembers}
   */
  public boolean holdsBack(int previousMembers, int removed) {
    if (previousMembers < 0 || removed < 0 || removed > previousMembers) {
      throw new IllegalArgumentException(
          "cannot remove " + removed + " of " + previousMembers + " members");
    }
    return (long) removed * 100 > (long) maxRemovedPercent * previousMembers;
  }

  @Override
  public String toString() {
    return "RemovalBrake[at most " + maxRemovedPercent + " % per version]";
  }
}
