package io.github.secdns.core.catalog;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * An independent reading of RFC 9432's requirements on a catalog zone, written from the RFC text
 * and not from the producer: it works on presentation text of owner names and never calls
 * production helpers, so a shared mistake cannot hide.
 */
final class Rfc9432Checker {

  private Rfc9432Checker() {}

  /** Every violated MUST of RFC 9432 (and RFC 1035 for a zone), one line each; empty when none. */
  static List<String> violations(ZoneSnapshot zone) {
    List<String> out = new ArrayList<>();
    String apex = lower(zone.origin().toString());
    String zones = "zones." + apex;
    if (zone.soa().getDClass() != DClass.IN) {
      out.add("4.1: the SOA is not class IN");
    }
    int apexNs = 0;
    List<TXTRecord> version = new ArrayList<>();
    Map<String, List<String>> ptrByNode = new TreeMap<>();
    Map<String, Integer> cooByNode = new HashMap<>();
    for (Record r : zone.records()) {
      String owner = lower(r.getName().toString());
      if (r.getDClass() != DClass.IN) {
        out.add("4.1: " + r + " is not class IN");
      }
      if (r.getType() == Type.NS && owner.equals(apex)) {
        apexNs++;
        if (!lower(((NSRecord) r).getTarget().toString()).equals("invalid.")) {
          out.add("4 (RECOMMENDED): the NS target is not invalid.: " + r);
        }
      }
      if (owner.equals("version." + apex) && r.getType() == Type.TXT) {
        version.add((TXTRecord) r);
      }
      if (r.getType() == Type.PTR && owner.endsWith("." + zones)) {
        String below = owner.substring(0, owner.length() - zones.length() - 1);
        if (!below.contains(".")) {
          ptrByNode.computeIfAbsent(below, k -> new ArrayList<>()).add(target(r));
        } else if (below.startsWith("coo.") && !below.substring(4).contains(".")) {
          cooByNode.merge(below.substring(4), 1, Integer::sum);
        }
      }
      if (r.getType() == Type.TXT && owner.startsWith("group.") && owner.endsWith("." + zones)) {
        List<String> strings = ((TXTRecord) r).getStrings();
        if (strings.size() != 1 || strings.get(0).isEmpty()) {
          out.add("4.3.2 (as produced): a group TXT holds one non-empty string: " + r);
        }
      }
    }
    if (apexNs == 0) {
      out.add("4: no NS record at the apex");
    }
    if (version.size() != 1) {
      out.add("4.2.1: version." + apex + " TXT RRset has " + version.size() + " records, not 1");
    } else if (!version.get(0).getStrings().equals(List.of("2"))) {
      out.add("4.2.1: the version is " + version.get(0).getStrings() + ", not \"2\"");
    }
    Map<String, String> nodeByTarget = new HashMap<>();
    ptrByNode.forEach(
        (node, targets) -> {
          if (targets.size() != 1) {
            out.add("4.1: the member node " + node + " holds " + targets.size() + " PTR records");
          }
          for (String t : targets) {
            String other = nodeByTarget.putIfAbsent(t, node);
            if (other != null) {
              out.add("4.1: the member nodes " + other + " and " + node + " both point to " + t);
            }
          }
        });
    cooByNode.forEach(
        (node, count) -> {
          if (count != 1) {
            out.add("4.3.1: the coo property of " + node + " holds " + count + " PTR records");
          }
          if (!ptrByNode.containsKey(node)) {
            out.add("4.3: a coo property below " + node + ", which is no member node");
          }
        });
    return out;
  }

  /** The members as the RFC defines them: member zone (lower case text) to member node label. */
  static Map<String, String> members(ZoneSnapshot zone) {
    String zones = "zones." + lower(zone.origin().toString());
    Map<String, String> out = new TreeMap<>();
    for (Record r : zone.records()) {
      String owner = lower(r.getName().toString());
      if (r.getType() == Type.PTR && owner.endsWith("." + zones)) {
        String below = owner.substring(0, owner.length() - zones.length() - 1);
        if (!below.contains(".")) {
          out.put(target(r), below);
        }
      }
    }
    return out;
  }

  /**
   * RFC 1982 section 3.2 from scratch: s2 is greater than s1 when the forward distance is in 1 ..
   * 2^31 - 1.
   */
  static boolean serialGreater(long s2, long s1) {
    long distance = (s2 - s1) & 0xFFFF_FFFFL;
    return distance != 0 && distance < 0x8000_0000L;
  }

  private static String target(Record r) {
    return lower(((PTRRecord) r).getTarget().toString());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
