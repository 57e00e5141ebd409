package io.github.secdns.core.catalog;

import io.github.secdns.core.config.CatalogMembership;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.serial.SerialComparison;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Produces the catalog zone (RFC 9432, schema version 2) that lists a host's member zones.
 *
 * <p>What a version holds, all class IN with TTL 0 (as in RFC 9432's examples; nobody resolves a
 * catalog, its consumers read it by transfer):
 *
 * <pre>
 * $CATZ                          SOA invalid. invalid. serial 3600 600 2147483646 0
 * $CATZ                          NS  invalid.
 * version.$CATZ                  TXT "2"
 * &lt;label&gt;.zones.$CATZ          PTR member.        ; one per member, in canonical member order
 * coo.&lt;label&gt;.zones.$CATZ      PTR new-catalog.   ; when the member migrates
 * group.&lt;label&gt;.zones.$CATZ    TXT "value"        ; one per group value
 * </pre>
 *
 * <p>Serial: a version whose content equals the previous one's is not new ({@link
 * CatalogVersion#changed()} is false and the previous snapshot is returned). A changed version gets
 * a serial greater than the previous one in RFC 1982 arithmetic, chosen by the request's {@link
 * SerialPolicy} (by default the Unix time, so that a host that lost its previous version still
 * publishes a serial consumers take as newer), falling back to the previous serial plus one. Under
 * {@link SerialPolicy#KEEP_HOST} the host's serial is used as given and refused when it does not
 * increase.
 *
 * <p>Refused, with every problem listed at once in a {@link ValidationException} (codes {@link
 * ProblemCode#INVALID_NAME}, {@link ProblemCode#TOO_LONG}, {@link ProblemCode#CONFLICT}, {@link
 * ProblemCode#INVALID_CATALOG_GROUP}, {@link ProblemCode#DUPLICATE_CATALOG_MEMBER}, {@link
 * ProblemCode#DUPLICATE_MEMBER_LABEL}, {@link ProblemCode#MEMBER_NOT_CLASS_IN}, {@link
 * ProblemCode#MEMBER_AT_OR_UNDER_CATALOG}, {@link ProblemCode#PREVIOUS_VERSION_MISMATCH}, {@link
 * ProblemCode#SERIAL_NOT_INCREASING}): what makes consumers treat the catalog as broken or act
 * wrongly, because they do not protect themselves (on Debian 12 neither BIND nor Knot refused a
 * catalog with a duplicate member; a serial that does not grow is simply never transferred). A
 * version that removes more members than the request's {@link RemovalBrake} allows is held back
 * with a {@link RemovalHeldBackException} unless the request confirms exactly that removal.
 *
 * <p>Pure: no I/O, and the time is read only from the injected clock (for the time-based serial
 * policies). Immutable and thread-safe.
 */
public final class CatalogProducer {

  /** The schema version this producer writes (RFC 9432 section 4.2.1). */
  public static final String SCHEMA_VERSION = "2";

  /** RFC 9432's recommended NS target and the SOA's MNAME and RNAME (RFC 6761 reserves it). */
  static final Name INVALID = Name.fromConstantString("invalid.");

  static final long TTL = 0;

  private static final Name ZONES = Name.fromConstantString("zones");
  private static final Name VERSION = Name.fromConstantString("version");
  private static final Name GROUP = Name.fromConstantString("group");
  private static final Name COO = Name.fromConstantString("coo");

  private final Clock clock;

  private CatalogProducer(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns a producer.
   *
   * @param clock the clock for the time-based serial policies
   * @return the producer
   */
  public static CatalogProducer create(Clock clock) {
    return new CatalogProducer(clock);
  }

  /**
   * Produces the next version of a catalog zone.
   *
   * @param request the catalog, its members, the previous version and the host's choices
   * @return the version to serve and what changed
   * @throws ValidationException listing every problem, each with its field ({@code
   *     members[3].zone}, {@code catalog}, {@code serial}, ...), a stable code and a message;
   *     nothing is produced
   * @throws RemovalHeldBackException when the version removes more members than the brake allows
   *     and the request does not confirm exactly that removal; nothing is produced
   */
  public CatalogVersion produce(CatalogRequest request) {
    return new Run(request).run();
  }

  /**
   * Tells what is wrong with a name for a zone (a catalog, a member or a {@code coo} target), if
   * anything: relative, the root, a wildcard label, or a character other than letters, digits,
   * hyphens and underscores (consumers turn member names into file names and configuration).
   */
  static Optional<String> zoneNameProblem(Name name) {
    if (!name.isAbsolute()) {
      return Optional.of("is relative; zone names are absolute (end in a dot)");
    }
    if (name.labels() <= 1) {
      return Optional.of("is the root");
    }
    for (int i = 0; i < name.labels() - 1; i++) {
      String label = name.getLabelString(i);
      if (label.equals("*")) {
        return Optional.of("has a wildcard label");
      }
      // getLabelString escapes every special or non-printable octet with a backslash, so a
      // label of letters, digits, hyphens and underscores passes unchanged.
      for (int c = 0; c < label.length(); c++) {
        if (!MemberLabel.isLabelCharacter(label.charAt(c))) {
          return Optional.of(
              "has the label '"
                  + label
                  + "'; only letters, digits, hyphens and underscores are allowed");
        }
      }
    }
    return Optional.empty();
  }

  private static Name child(Name prefix, Name parent) {
    try {
      return Name.concatenate(prefix, parent);
    } catch (NameTooLongException e) {
      // The catalog name's length is checked first, so every name of the catalog fits.
      throw new IllegalStateException(prefix + "." + parent + " is longer than 255 octets", e);
    }
  }

  /** The state of one {@link #produce} call. */
  private final class Run {
    private final CatalogRequest request;
    private final Name catalog;
    private final List<ValidationProblem> problems = new ArrayList<>();

    /** The valid members by canonical zone name, in canonical order. */
    private final TreeMap<Name, CatalogMember> members = new TreeMap<>();

    Run(CatalogRequest request) {
      this.request = request;
      this.catalog = request.catalog();
    }

    CatalogVersion run() {
      boolean catalogValid = checkCatalogName();
      checkMembers(catalogValid);
      Optional<ZoneSnapshot> previous = request.previous();
      Optional<SerialNumber> previousSerial = previous.map(ZoneSnapshot::serial);
      previous.ifPresent(p -> checkPrevious(p, catalogValid));
      if (request.serialPolicy() == SerialPolicy.KEEP_HOST && previousSerial.isPresent()) {
        SerialComparison c = request.hostSerial().compareWith(previousSerial.get());
        if (c == SerialComparison.LESS || c == SerialComparison.UNDEFINED) {
          serialNotIncreasing(previousSerial.get());
        }
      }
      throwIfProblems();

      List<Record> records = records();
      if (previous.isEmpty()) {
        SerialNumber serial =
            request.serialPolicy().nextSerial(request.hostSerial(), Optional.empty(), clock);
        return new CatalogVersion(
            ZoneSnapshot.of(soa(serial), records),
            true,
            List.copyOf(members.keySet()),
            List.of(),
            List.of());
      }
      ZoneSnapshot before = previous.get();
      ZoneSnapshot provisional = ZoneSnapshot.of(soa(before.serial()), records);
      // The same serial on both sides: "the same version" is "the same content".
      boolean sameContent = provisional.sameVersionAs(before);
      SerialNumber serial;
      if (request.serialPolicy() == SerialPolicy.KEEP_HOST) {
        serial = request.hostSerial();
        if (serial.equals(before.serial())) {
          if (sameContent) {
            return unchanged(before);
          }
          serialNotIncreasing(before.serial());
          throwIfProblems();
        }
      } else {
        if (sameContent) {
          return unchanged(before);
        }
        serial = request.serialPolicy().nextSerial(request.hostSerial(), previousSerial, clock);
      }

      Map<Name, String> previousLabels = memberLabels(before);
      List<Name> removed = new ArrayList<>();
      for (Name zone : new TreeSet<>(previousLabels.keySet())) {
        if (!members.containsKey(zone)) {
          removed.add(zone);
        }
      }
      RemovalBrake brake = request.removalBrake();
      if (brake.holdsBack(previousLabels.size(), removed.size())) {
        RemovalConfirmation needed = RemovalConfirmation.forRemoval(catalog, removed);
        Optional<RemovalConfirmation> given = request.removalConfirmation();
        if (!given.equals(Optional.of(needed))) {
          throw new RemovalHeldBackException(
              catalog.canonicalize(),
              previousLabels.size(),
              removed,
              brake,
              needed,
              given.isPresent());
        }
      }
      List<Name> added = new ArrayList<>();
      List<Name> relabeled = new ArrayList<>();
      members.forEach(
          (zone, member) -> {
            String previousLabel = previousLabels.get(zone);
            if (previousLabel == null) {
              added.add(zone);
            } else if (!previousLabel.equals(member.label().value())) {
              relabeled.add(zone);
            }
          });
      return new CatalogVersion(provisional.withSoa(soa(serial)), true, added, removed, relabeled);
    }

    private boolean checkCatalogName() {
      Optional<String> problem = zoneNameProblem(catalog);
      if (problem.isPresent()) {
        add(
            "catalog",
            ProblemCode.INVALID_NAME,
            "the catalog name " + catalog + " " + problem.get());
        return false;
      }
      if (catalog.length() > CatalogMembership.MAX_CATALOG_NAME_OCTETS) {
        add(
            "catalog",
            ProblemCode.TOO_LONG,
            "the catalog name "
                + catalog
                + " is "
                + catalog.length()
                + " octets long; a catalog name has at most "
                + CatalogMembership.MAX_CATALOG_NAME_OCTETS
                + " so that every member node and property fits in 255 octets");
        return false;
      }
      return true;
    }

    private void checkMembers(boolean catalogValid) {
      Map<Name, Integer> zoneAt = new HashMap<>();
      Map<MemberLabel, Integer> labelAt = new HashMap<>();
      List<CatalogMember> given = request.members();
      for (int i = 0; i < given.size(); i++) {
        CatalogMember m = given.get(i);
        String f = "members[" + i + "]";
        int problemsBefore = problems.size();
        Optional<String> nameProblem = zoneNameProblem(m.zone());
        if (nameProblem.isPresent()) {
          add(
              f + ".zone",
              ProblemCode.INVALID_NAME,
              "the member zone " + m.zone() + " " + nameProblem.get());
        } else {
          if (catalogValid && m.zone().subdomain(catalog)) {
            add(
                f + ".zone",
                ProblemCode.MEMBER_AT_OR_UNDER_CATALOG,
                "the member zone "
                    + m.zone()
                    + (m.zone().equals(catalog)
                        ? " is the catalog itself"
                        : " lies under the catalog " + catalog)
                    + "; a catalog lists other zones only");
          }
          Integer first = zoneAt.putIfAbsent(m.zone().canonicalize(), i);
          if (first != null) {
            add(
                f + ".zone",
                ProblemCode.DUPLICATE_CATALOG_MEMBER,
                "the member zone "
                    + m.zone()
                    + " is listed twice (also at members["
                    + first
                    + "]); names ignore letter case, and two member nodes for one zone make the"
                    + " catalog broken");
          }
        }
        if (m.dclass() != DClass.IN) {
          add(
              f + ".dclass",
              ProblemCode.MEMBER_NOT_CLASS_IN,
              "the member zone "
                  + m.zone()
                  + " is of class "
                  + DClass.string(m.dclass())
                  + "; a catalog lists class IN zones only");
        }
        Integer sameLabel = labelAt.putIfAbsent(m.label(), i);
        // A zone listed twice under one label is reported once, as a duplicate member.
        if (sameLabel != null && !given.get(sameLabel).zone().equals(m.zone())) {
          add(
              f + ".label",
              ProblemCode.DUPLICATE_MEMBER_LABEL,
              "the label "
                  + m.label()
                  + " of "
                  + m.zone()
                  + " is also the label of "
                  + given.get(sameLabel).zone()
                  + " (members["
                  + sameLabel
                  + "]); a member node holds exactly one PTR record");
        }
        for (int g = 0; g < m.groups().size(); g++) {
          String value = m.groups().get(g);
          int index = g;
          CatalogMembership.groupProblem(value)
              .ifPresent(
                  p ->
                      add(
                          f + ".groups[" + index + "]",
                          ProblemCode.INVALID_CATALOG_GROUP,
                          "a group of " + m.zone() + ": " + p));
        }
        m.changeOfOwnership().ifPresent(target -> checkChangeOfOwnership(f, m, target));
        if (problems.size() == problemsBefore) {
          members.put(m.zone().canonicalize(), m);
        }
      }
    }

    private void checkChangeOfOwnership(String field, CatalogMember m, Name target) {
      String f = field + ".changeOfOwnership";
      String what = "the new catalog " + target + " of " + m.zone() + " ";
      Optional<String> problem = zoneNameProblem(target);
      if (problem.isPresent()) {
        add(f, ProblemCode.INVALID_NAME, what + problem.get());
      } else if (target.equals(catalog)) {
        add(f, ProblemCode.CONFLICT, what + "is this catalog itself");
      }
    }

    private void checkPrevious(ZoneSnapshot previous, boolean catalogValid) {
      if (catalogValid
          && (!previous.origin().equals(catalog) || previous.soa().getDClass() != DClass.IN)) {
        add(
            "previous",
            ProblemCode.PREVIOUS_VERSION_MISMATCH,
            "the previous version given is the zone "
                + previous.origin()
                + " of class "
                + DClass.string(previous.soa().getDClass())
                + ", not the catalog "
                + catalog
                + " of class IN");
      }
    }

    private void serialNotIncreasing(SerialNumber previous) {
      add(
          "serial",
          ProblemCode.SERIAL_NOT_INCREASING,
          "the serial "
              + request.hostSerial()
              + " is not greater than the previous version's "
              + previous
              + " (RFC 1982); consumers would not see the change. Give a greater serial or use"
              + " another serial policy");
    }

    private void add(String field, ProblemCode code, String message) {
      problems.add(new ValidationProblem(field, code, message));
    }

    private void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new ValidationException("the catalog zone " + catalog, problems);
      }
    }

    private CatalogVersion unchanged(ZoneSnapshot previous) {
      return new CatalogVersion(previous, false, List.of(), List.of(), List.of());
    }

    private SOARecord soa(SerialNumber serial) {
      CatalogSoaTimers t = request.soaTimers();
      return new SOARecord(
          catalog,
          DClass.IN,
          TTL,
          INVALID,
          INVALID,
          serial.value(),
          t.refresh(),
          t.retry(),
          t.expire(),
          t.minimum());
    }

    private List<Record> records() {
      List<Record> out = new ArrayList<>(members.size() + 2);
      out.add(new NSRecord(catalog, DClass.IN, TTL, INVALID));
      out.add(new TXTRecord(child(VERSION, catalog), DClass.IN, TTL, SCHEMA_VERSION));
      for (CatalogMember m : members.values()) {
        Name node = m.label().memberNode(catalog);
        out.add(new PTRRecord(node, DClass.IN, TTL, m.zone()));
        if (m.changeOfOwnership().isPresent()) {
          out.add(new PTRRecord(child(COO, node), DClass.IN, TTL, m.changeOfOwnership().get()));
        }
        for (String group : new TreeSet<>(m.groups())) {
          out.add(groupRecord(child(GROUP, node), group));
        }
      }
      return out;
    }

    /**
     * A TXT record holding exactly the value's octets. Built from wire data because dnsjava's
     * string constructor would read backslashes in the value as escapes.
     */
    private Record groupRecord(Name owner, String value) {
      byte[] rdata = new byte[value.length() + 1];
      rdata[0] = (byte) value.length();
      for (int i = 0; i < value.length(); i++) {
        rdata[i + 1] = (byte) value.charAt(i); // printable ASCII, checked
      }
      return Record.newRecord(owner, Type.TXT, DClass.IN, TTL, rdata);
    }

    /**
     * The previous version's members: zone (canonical) to label (lower case), read leniently so
     * that the brake counts every member a consumer may hold, even from a broken or foreign
     * catalog. The first PTR for a zone wins.
     */
    private Map<Name, String> memberLabels(ZoneSnapshot previous) {
      Name zonesNode = child(ZONES, catalog);
      byte[] zonesWire = zonesNode.toWire();
      Map<Name, String> out = new HashMap<>();
      PackedRecords records = previous.packedRecords();
      for (int i = 0; i < records.size(); i++) {
        // Only the PTRs under zones.<catalog> are decoded, not every record of the catalog.
        if (records.type(i) != Type.PTR || !records.ownerAtOrBelow(i, zonesWire)) {
          continue;
        }
        Record r = records.get(i);
        Name owner = r.getName();
        if (owner.labels() == zonesNode.labels() + 1) {
          out.putIfAbsent(
              ((PTRRecord) r).getTarget().canonicalize(),
              owner.getLabelString(0).toLowerCase(Locale.ROOT));
        }
      }
      return out;
    }
  }
}
