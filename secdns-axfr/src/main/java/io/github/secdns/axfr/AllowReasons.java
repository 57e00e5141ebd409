package io.github.secdns.axfr;

import io.github.secdns.core.config.AclEntry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reason of a decision that allows a plain TCP transfer by an ACL entry alone ({@code allowed
 * by ACL entry 192.0.2.1 (label)}), made once per entry and reused: the policy decides every
 * transfer, and writing the entry out each time was about a kilobyte of garbage per transfer (issue
 * 13: 100,000 zones, each transfer of a small zone). At most {@value #MAX_KEPT} reasons are kept
 * (one per distinct entry; a host's zones share a few providers' entries); beyond that a reason is
 * made for each decision, as before.
 *
 * <p>Thread-safe.
 */
final class AllowReasons {

  /** The most reasons kept. */
  static final int MAX_KEPT = 1024;

  private final ConcurrentHashMap<AclEntry, String> byEntry = new ConcurrentHashMap<>();

  /**
   * Returns the reason for a transfer allowed by {@code entry} alone.
   *
   * @param entry the ACL entry that allows the client
   * @return {@code allowed by ACL entry ENTRY}
   */
  String allowedBy(AclEntry entry) {
    String known = byEntry.get(entry);
    if (known != null) {
      return known;
    }
    String made = "allowed by " + aclReason(entry);
    if (byEntry.size() < MAX_KEPT) {
      byEntry.putIfAbsent(entry, made);
    }
    return made;
  }

  /**
   * Names an ACL entry in the reason of a decision it allows.
   *
   * @param entry the entry
   * @return {@code ACL entry ENTRY}
   */
  static String aclReason(AclEntry entry) {
    return "ACL entry " + entry;
  }

  /** The number of reasons kept (tests). */
  int kept() {
    return byEntry.size();
  }
}
