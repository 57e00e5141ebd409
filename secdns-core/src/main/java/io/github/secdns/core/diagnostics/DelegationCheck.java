package io.github.secdns.core.diagnostics;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/** Compares the parent's delegation and the apex NS set with the configured name servers. */
final class DelegationCheck {

  private DelegationCheck() {}

  /**
   * Runs the checks of an enabled configuration.
   *
   * @param zone the zone, for messages
   * @param primaries the host's name servers (empty when unknown), canonical
   * @param secondaries the configured secondary name servers, canonical
   */
  static void run(
      Name zone, Set<Name> primaries, Set<Name> secondaries, Observations obs, FindingList out) {
    if (primaries.isEmpty()) {
      out.add(
          DiagnosticCode.PRIMARY_NAME_SERVERS_UNKNOWN,
          "The primary's own name servers are unknown, so it could not be checked that the"
              + " domain is delegated to them.",
          "Pass the primary's name servers to the diagnostics.");
    }
    obs.parentDelegation()
        .ifPresentOrElse(
            delegation -> delegation(zone, primaries, secondaries, delegation, out),
            () ->
                out.add(
                    DiagnosticCode.DELEGATION_NOT_OBSERVED,
                    "The delegation of "
                        + Names.display(zone)
                        + " at the registry could not be"
                        + " observed.",
                    "Check again later; if it persists, check that the parent zone's name servers can be"
                        + " reached."));
    obs.apexNameServers()
        .ifPresentOrElse(
            apex -> {
              Set<Name> missing = minus(secondaries, apex);
              if (!missing.isEmpty()) {
                out.add(
                    DiagnosticCode.APEX_NS_MISSING_SECONDARIES,
                    missing,
                    List.of(),
                    "The NS records at the apex of "
                        + Names.display(zone)
                        + " do not include "
                        + Names.displayNames(missing)
                        + ".",
                    "Add NS records for " + Names.displayNames(missing) + " at the zone apex.");
              }
            },
            () ->
                out.add(
                    DiagnosticCode.APEX_NS_NOT_OBSERVED,
                    "The NS records at the apex of "
                        + Names.display(zone)
                        + " could not be observed.",
                    "Check again later."));
  }

  private static void delegation(
      Name zone,
      Set<Name> primaries,
      Set<Name> secondaries,
      Set<Name> delegation,
      FindingList out) {
    boolean toPrimary = primaries.isEmpty() || primaries.stream().anyMatch(delegation::contains);
    if (!toPrimary) {
      out.add(
          DiagnosticCode.NOT_DELEGATED_TO_PRIMARY,
          primaries,
          List.of(),
          "The domain is not resolving through the primary name servers ("
              + Names.displayNames(primaries)
              + "): the delegation at the registry lists "
              + (delegation.isEmpty() ? "no name servers" : Names.displayNames(delegation))
              + ". The Secondary DNS configuration will not take effect.",
          "Point the domain to "
              + Names.displayNames(primaries)
              + " at your registrar (keep the"
              + " secondary name servers too) before the configuration will take effect.");
    }
    Set<Name> missing = minus(secondaries, delegation);
    if (toPrimary) {
      missing.addAll(minus(primaries, delegation));
    }
    if (!missing.isEmpty()) {
      out.add(
          DiagnosticCode.DELEGATION_MISSING_NAME_SERVERS,
          missing,
          List.of(),
          "The name server delegation you have set up at your registrar is missing one or more"
              + " of the name servers specified in the Secondary DNS configuration: "
              + Names.displayNames(missing)
              + ".",
          "Add "
              + Names.displayNames(missing)
              + " to the delegation of "
              + Names.display(zone)
              + " at your registrar.");
    }
    if (!primaries.isEmpty()) {
      Set<Name> unknown = minus(minus(delegation, primaries), secondaries);
      if (!unknown.isEmpty()) {
        out.add(
            DiagnosticCode.DELEGATION_UNKNOWN_NAME_SERVERS,
            unknown,
            List.of(),
            "The delegation at your registrar also lists "
                + Names.displayNames(unknown)
                + ", which is neither a primary nor a configured secondary name server.",
            "If you run another provider on purpose, add it to the Secondary DNS configuration;"
                + " otherwise remove it from the delegation.");
      }
    }
  }

  /** Checks of a disabled configuration: the delegation should be reverted. */
  static void disabled(Name zone, Set<Name> secondaries, Observations obs, FindingList out) {
    out.add(
        DiagnosticCode.SECONDARY_DNS_DISABLED,
        "Secondary DNS is disabled for " + Names.display(zone) + ".",
        "Nothing to do, unless you want to enable it.");
    obs.parentDelegation()
        .ifPresent(
            delegation -> {
              Set<Name> still = new TreeSet<>(secondaries);
              still.retainAll(delegation);
              if (!still.isEmpty()) {
                out.add(
                    DiagnosticCode.DELEGATION_STILL_LISTS_SECONDARIES,
                    still,
                    List.of(),
                    "Secondary DNS is disabled, but the delegation at your registrar still lists "
                        + Names.displayNames(still)
                        + ", which will stop receiving zone updates.",
                    "Remove "
                        + Names.displayNames(still)
                        + " from the delegation at your registrar.");
              }
            });
  }

  static Set<Name> minus(Set<Name> a, Set<Name> b) {
    Set<Name> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
