package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneDigest;
import io.github.secdns.core.zone.ZoneRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns the host's zone into the zone secondaries receive.
 *
 * <p>What {@link #export} does, in order:
 *
 * <ol>
 *   <li><b>Apex NS</b>: the host's own apex NS records are replaced by the primary name servers
 *       followed by the configured secondary name servers, without duplicates (names compare
 *       case-insensitively; the first spelling wins), all with {@link SoaSettings#nsTtl()}.
 *   <li><b>Standard records</b> are copied as they are (letter case included), except DNSSEC
 *       signatures and denial records, which the SOA and NS rewrite would invalidate ({@link
 *       ExportFindingCode#DNSSEC_RECORDS_DROPPED}).
 *   <li><b>ALIAS</b> becomes A and AAAA records at its owner with the target's addresses. TTL
 *       decision: the ALIAS record's TTL, lowered to the target's TTL when the resolution knows it,
 *       so that a secondary never keeps an address in caches longer than the target itself allows.
 *       A target that did not resolve keeps the last good values of the previous export when known
 *       ({@link ExportFindingCode#ALIAS_TARGET_UNRESOLVED_LAST_GOOD}), else the ALIAS is left out
 *       ({@link ExportFindingCode#ALIAS_TARGET_UNRESOLVED_OMITTED}).
 *   <li><b>URL</b> becomes A and AAAA records at its owner with the redirector's addresses and the
 *       URL record's TTL.
 *   <li><b>Host kinds</b> of virtual records go through the expander taught for their class.
 *   <li><b>SOA</b>: MNAME, RNAME, timers and TTL from {@link SoaSettings}; the serial from the
 *       {@link SerialPolicy}: when the content (every record, TTLs and letter case included, and
 *       the SOA apart from its serial) equals the previous export's, the previous serial is kept,
 *       so exporting the same input twice gives the same snapshot; otherwise the serial is greater
 *       than the previous one in RFC 1982 arithmetic.
 *   <li><b>Zone digest</b>, when {@link ExportRequest#publishZoneDigest()} asks for it: a ZONEMD
 *       record at the apex (RFC 8976, scheme SIMPLE, SHA-384, the SOA's TTL) with the exported
 *       serial, computed by {@link ZoneDigest#compute(ZoneSnapshot)} over the exported zone. A
 *       ZONEMD the host's zone has at its apex (a placeholder, or a digest of the host's own zone)
 *       is never exported: it is replaced, or left out with {@link
 *       ExportFindingCode#HOST_ZONE_DIGEST_DROPPED}. Adding or removing the digest is a change of
 *       content, so it gets a new serial.
 *   <li><b>Checks</b> of what real secondaries refuse: a CNAME beside other data, a TXT string over
 *       255 octets, more than 100 records in an RRset or more than 100 types at a name (BIND 9.18+
 *       defaults).
 * </ol>
 *
 * <p>A zone given as {@linkplain HostZone#checkedRecords() checked records} that already are the
 * exported records (they begin with the apex NS set above, in its order and octet for octet, and
 * hold nothing the export drops or refuses, with nothing to add) is not copied: the version shares
 * their octets, the same records in the same order as a copy. A zone file served as written usually
 * is one.
 *
 * <p>Errors (see {@link ExportSeverity#ERROR}) are all collected and thrown together in an {@link
 * ExportException}; warnings and information go into the {@link ExportResult}.
 *
 * <p>Immutable and thread-safe; it does no I/O and reads time only from the injected clock (for
 * {@link SerialPolicy#UNIX_TIME} and {@link SerialPolicy#DATE_COUNTER}).
 */
public final class ZoneExporter {

  /** BIND 9.18.28+ default of {@code max-records-per-type} and {@code max-types-per-name}. */
  static final int BIND_LIMIT = 100;

  private static final int MAX_CHARACTER_STRING = 255;

  private final Clock clock;
  private final Map<Class<?>, VirtualRecordExpander<?>> expanders;

  private ZoneExporter(Builder b) {
    this.clock = b.clock;
    this.expanders = new LinkedHashMap<>(b.expanders);
  }

  /**
   * Returns an exporter that knows ALIAS and URL only.
   *
   * @param clock the clock for time-based serial policies
   * @return the exporter
   */
  public static ZoneExporter create(Clock clock) {
    return builder(clock).build();
  }

  /**
   * Starts an exporter, to teach it the host's own virtual record kinds.
   *
   * @param clock the clock for time-based serial policies
   * @return a builder
   */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Exports a zone.
   *
   * @param request the zone and everything the export needs
   * @return the snapshot for secondaries with warnings and information
   * @throws ExportException when the zone cannot be exported; it lists every error, each naming its
   *     record
   */
  public ExportResult export(ExportRequest request) {
    return new Run(request).run();
  }

  @Override
  public String toString() {
    return "ZoneExporter[expanders=" + expanders.keySet() + "]";
  }

  /** The state of one export. */
  private final class Run {
    private final ExportRequest request;
    private final HostZone zone;
    private final Name origin;
    private final byte[] originWire;
    private final int dclass;
    private final List<ExportFinding> findings = new ArrayList<>();
    // The exported records go straight into the snapshot (octets only, duplicates left out):
    // a zone served as written costs one copy of its octets, never a Record per record. Made at
    // its first use (out()): a zone served as written shares its records and never needs it, and
    // a directory of thousands of small zones would make a builder and an SOA for each in vain.
    @Nullable private ZoneSnapshot.Builder out;
    private int emitted;
    private final Set<Name> apexNameServers = new LinkedHashSet<>();
    // Apex name servers inside the zone, and whether an A/AAAA record was emitted for each.
    private final List<Name> inZoneNameServers = new ArrayList<>();
    private final List<byte[]> inZoneNameServerWires = new ArrayList<>();
    private boolean[] inZoneNameServerHasAddress = new boolean[0];
    private final Map<Name, TargetResolution.Resolved> targetValues = new LinkedHashMap<>();
    private final List<RuntimeException> expanderFailures = new ArrayList<>();
    private boolean dnssecDropped;
    private boolean hostDigestDropped;
    // The cheap test of one owner's records (mayBeRefused): its types so far, each with the TTL
    // of its first record (at most BIND_LIMIT, the arrays kept for the next owner), and whether
    // one is a CNAME.
    private int[] runTypes = new int[0];
    private long[] runTtls = new long[0];
    private int cheapTypes;
    private boolean cheapCname;

    Run(ExportRequest request) {
      this.request = request;
      this.zone = request.zone();
      this.origin = zone.origin();
      this.originWire = origin.toWire();
      this.dclass = zone.soa().getDClass();
    }

    /** The builder of the exported records, made at the first record or size given to it. */
    private ZoneSnapshot.Builder out() {
      ZoneSnapshot.Builder b = out;
      if (b == null) {
        b = ZoneSnapshot.builder(soa(provisionalSerial()));
        out = b;
      }
      return b;
    }

    /** Sizes the builder for a copy of the host's records and the records the export adds. */
    private void expectCopy() {
      PackedRecords host = zone.packedRecords();
      // Checked records are only compared with the few records emitted before them: no index of
      // them is needed unless a record checked here comes later.
      int indexed = zone.checkedRecords().isPresent() ? 16 : host.size() + 16;
      // Room for the host's records and a few more (the apex NS set, texts, flattened records): it
      // grows when more come, and a directory of small zones must not allocate kilobytes more per
      // zone. A few kilobytes more at most, not an eighth of the zone: the built version hands the
      // array over when at most 1/64 of it is unused and copies it otherwise, and every octet of a
      // new array is zeroed and first touched here (for a million records, a copy of 40 MB more
      // and tens of milliseconds of page faults).
      int others =
          zone.texts().size()
              + zone.virtualRecords().size()
              + request.primaryNameServers().size()
              + request.secondaryNameServers().size();
      int spare = 64 + Math.min(host.wireSize() / 8, 4096 + 256 * others);
      out().expect(indexed, host.wireSize() + spare);
    }

    private SerialNumber provisionalSerial() {
      return request
          .previousSnapshot()
          .map(ZoneSnapshot::serial)
          .orElse(SerialNumber.of(zone.soa().getSerial()));
    }

    ExportResult run() {
      collectApexNameServers();
      Optional<ZoneRecords> asWritten = exportedAsWritten();
      if (asWritten.isEmpty()) {
        copyRecords();
      }
      addInZoneNameServerAddresses();
      if (hostDigestDropped && !request.publishZoneDigest()) {
        findings.add(
            ExportFinding.of(
                ExportFindingCode.HOST_ZONE_DIGEST_DROPPED,
                origin,
                origin + " ZONEMD",
                "the zone's ZONEMD record was left out: it digests the zone as stored here, but"
                    + " the exported zone differs (SOA, name servers, flattened records), and"
                    + " secondaries that verify it would reject the zone; publish a digest of the"
                    + " exported zone instead"));
      }
      if (findings.stream().anyMatch(f -> f.severity() == ExportSeverity.ERROR)) {
        ExportException e = new ExportException(origin.toString(), findings);
        expanderFailures.forEach(e::addSuppressed);
        throw e;
      }

      Optional<ZoneSnapshot> previous = request.previousSnapshot();
      ZoneSnapshot provisional =
          asWritten.isPresent()
              ? ZoneSnapshot.of(soa(provisionalSerial()), asWritten.get())
              : out().build();
      checkWhatSecondariesRefuse(provisional.packedRecords());

      // The provisional version carries the previous serial, so "the same version" is exactly
      // "the same content": the one predicate secdns has for it. The previous export's digest is
      // left out (the new one is computed last, over the final serial), and adding or removing
      // the digest is a change.
      boolean changed = previous.map(p -> changed(p, provisional)).orElse(true);
      if (!changed) {
        return new ExportResult(withDigest(provisional), findings, targetValues, false);
      }
      SerialNumber host0 = SerialNumber.of(zone.soa().getSerial());
      SerialNumber serial =
          SerialAssigner.assign(
              request.serialPolicy(), host0, previous.map(ZoneSnapshot::serial), clock);
      if (request.serialPolicy() == SerialPolicy.KEEP_HOST && !serial.equals(host0)) {
        findings.add(
            ExportFinding.of(
                ExportFindingCode.HOST_SERIAL_NOT_KEPT,
                origin,
                origin + " SOA",
                "the zone changed but the host's serial "
                    + host0
                    + " is not greater than the"
                    + " last exported serial "
                    + previous.get().serial()
                    + "; exported with "
                    + serial
                    + " so that secondaries transfer the change"));
      }
      // The provisional version already carries the serial when the host's is kept (a first
      // export, KEEP_HOST): no second SOA and snapshot.
      ZoneSnapshot snapshot =
          withDigest(
              serial.equals(provisional.serial()) ? provisional : provisional.withSoa(soa(serial)));
      return new ExportResult(snapshot, findings, targetValues, true);
    }

    /** Whether the provisional export differs from the previous one, its digest left out. */
    private boolean changed(ZoneSnapshot previous, ZoneSnapshot provisional) {
      ZoneSnapshot content = ZoneDigest.withoutApexDigest(previous);
      boolean hadDigest = content.size() != previous.size();
      return hadDigest != request.publishZoneDigest() || !content.sameVersionAs(provisional);
    }

    /**
     * Adds the zone's ZONEMD record (RFC 8976, SIMPLE, SHA-384) for the exported serial when the
     * request asks for it. The digest reads the packed records, and the record goes into the same
     * builder: the exported records' octets are not decoded and are copied at most once more.
     */
    private ZoneSnapshot withDigest(ZoneSnapshot exported) {
      if (!request.publishZoneDigest()) {
        return exported;
      }
      ZoneDigest digest = ZoneDigest.compute(exported);
      out().add(digest.toRecord(origin, dclass, request.soa().soaTtl()));
      return out().build().withSoa(exported.soa());
    }

    private SOARecord soa(SerialNumber serial) {
      SoaSettings s = request.soa();
      return new SOARecord(
          origin,
          dclass,
          s.soaTtl(),
          s.mname(),
          s.rname(),
          serial.value(),
          s.refresh(),
          s.retry(),
          s.expire(),
          s.minimum());
    }

    private void collectApexNameServers() {
      apexNameServers.addAll(request.primaryNameServers());
      apexNameServers.addAll(request.secondaryNameServers());
      for (Name ns : apexNameServers) {
        if (ns.subdomain(origin)) {
          inZoneNameServers.add(ns);
          inZoneNameServerWires.add(ns.toWire());
        }
      }
      inZoneNameServerHasAddress = new boolean[inZoneNameServers.size()];
    }

    private NSRecord apexNameServer(Name ns) {
      return new NSRecord(origin, dclass, request.soa().nsTtl(), ns);
    }

    /**
     * The host's checked records when they are exactly the records the export would copy, in the
     * same order: they begin with the apex NS set the export writes (octet for octet: owner, TTL
     * and target in the same letter case, in the order of the name servers), hold no other apex NS
     * and nothing else the export drops or refuses, and the export adds nothing to them (no texts,
     * virtual records, glue or digest). A zone file served as written usually is such a zone; its
     * version then shares the records' octets instead of copying them (for a million records, a
     * copy of 45 MB and the first touch of a new array, a few hundred milliseconds on a cold JVM
     * before the zone can be served). The address records of in-zone name servers are noted on the
     * way.
     */
    private Optional<ZoneRecords> exportedAsWritten() {
      Optional<ZoneRecords> checked = zone.checkedRecords();
      if (checked.isEmpty()
          || !checked.get().belongTo(origin, dclass)
          || !zone.texts().isEmpty()
          || !zone.virtualRecords().isEmpty()
          || request.publishZoneDigest()
          || checked.get().size() < apexNameServers.size()) {
        return Optional.empty();
      }
      PackedRecords records = checked.get().records();
      int i = 0;
      for (Name ns : apexNameServers) {
        ByteBuffer written = ByteBuffer.wrap(apexNameServer(ns).toWire(Section.ANSWER));
        if (!records.wire(i++).equals(written)) {
          return Optional.empty();
        }
      }
      boolean trackAddresses = !inZoneNameServers.isEmpty();
      for (; i < records.size(); i++) {
        int type = records.type(i);
        boolean apexOnly = type == Type.NS || type == Type.ZONEMD;
        if (fate(true, dclass, type, apexOnly && records.ownerIs(i, originWire)) != Fate.KEEP) {
          return notAsWritten();
        }
        if (trackAddresses && (type == Type.A || type == Type.AAAA)) {
          noteNameServerAddress(records, i);
        }
      }
      for (int k = 0; k < inZoneNameServers.size(); k++) {
        if (!inZoneNameServerHasAddress[k]
            && request.secondaryGlue().containsKey(inZoneNameServers.get(k))) {
          return notAsWritten(); // the glue's records would be added
        }
      }
      return checked;
    }

    /** Forgets what the look at the host's records as written noted: they are copied instead. */
    private Optional<ZoneRecords> notAsWritten() {
      Arrays.fill(inZoneNameServerHasAddress, false);
      return Optional.empty();
    }

    /** Copies the host's records into the export, with what the export adds and drops. */
    private void copyRecords() {
      expectCopy();
      for (Name ns : apexNameServers) {
        emit(apexNameServer(ns));
      }
      Set<Name> cnameOwners = new HashSet<>();
      PackedRecords host = zone.packedRecords();
      if (!zone.virtualRecords().isEmpty()) {
        // Only virtual records need to know the CNAME owners.
        for (int i = 0; i < host.size(); i++) {
          if (host.type(i) == Type.CNAME) {
            cnameOwners.add(host.owner(i));
          }
        }
      }
      Optional<ZoneRecords> checked = zone.checkedRecords();
      if (checked.isPresent() && checked.get().belongTo(origin, dclass)) {
        addCheckedHostRecords(checked.get());
      } else {
        addHostRecords(host);
      }
      addTexts();
      addVirtualRecords(cnameOwners);
    }

    /** Adds a record to the exported zone. */
    private void emit(Record r) {
      out().add(r);
      emitted++;
      if (r.getType() == Type.A || r.getType() == Type.AAAA) {
        for (int k = 0; k < inZoneNameServers.size(); k++) {
          if (r.getName().equals(inZoneNameServers.get(k))) {
            inZoneNameServerHasAddress[k] = true;
          }
        }
      }
    }

    /** Adds a host record to the exported zone, copying its octets only. */
    private void emit(PackedRecords records, int i, int type) {
      out().addAll(records, i, i + 1);
      emitted++;
      if (type == Type.A || type == Type.AAAA) {
        noteNameServerAddress(records, i);
      }
    }

    /** Notes that an in-zone name server has an address when address record {@code i} is its. */
    private void noteNameServerAddress(PackedRecords records, int i) {
      for (int k = 0; k < inZoneNameServers.size(); k++) {
        if (records.ownerIs(i, inZoneNameServerWires.get(k))) {
          inZoneNameServerHasAddress[k] = true;
        }
      }
    }

    /**
     * A name server inside the zone needs address records in the zone, or nobody can reach it. Glue
     * from the configuration fills the gap; without glue the gap is reported.
     */
    private void addInZoneNameServerAddresses() {
      for (int k = 0; k < inZoneNameServers.size(); k++) {
        Name ns = inZoneNameServers.get(k);
        if (inZoneNameServerHasAddress[k]) {
          continue;
        }
        List<InetAddress> glue = request.secondaryGlue().get(ns);
        if (glue != null) {
          addressRecords(ns, request.soa().nsTtl(), glue).forEach(this::emit);
        } else {
          findings.add(
              ExportFinding.of(
                  ExportFindingCode.IN_ZONE_NAME_SERVER_WITHOUT_ADDRESS,
                  ns,
                  origin + " NS " + ns,
                  "the name server "
                      + ns
                      + " lies inside the zone but the zone"
                      + " has no A or AAAA record for it, so nobody can reach it through this zone;"
                      + " add its addresses"));
        }
      }
    }

    /** What becomes of a standard record in the export. */
    private enum Fate {
      KEEP,
      APEX_NS,
      DNSSEC,
      OUTSIDE_ZONE,
      SOA,
      META_TYPE,
      PRIVATE_TYPE,
      APEX_DIGEST
    }

    private Fate fate(boolean insideZone, int recordClass, int type, boolean atApex) {
      if (!insideZone || recordClass != dclass) {
        return Fate.OUTSIDE_ZONE;
      }
      if (type == Type.SOA) {
        return Fate.SOA;
      }
      if (type == Type.NS && atApex) {
        return Fate.APEX_NS; // the apex NS set is the primary and secondary name servers
      }
      if (type == Type.ZONEMD && atApex) {
        // A placeholder or the digest of the host's zone: never right for the exported zone.
        return Fate.APEX_DIGEST;
      }
      if (isDnssecSignatureOrDenial(type)) {
        return Fate.DNSSEC;
      }
      if (type == Type.OPT || (type >= 128 && type <= 255)) {
        // RFC 6895 section 3.1: OPT and 128-255 are meta types and QTYPEs, never zone data.
        return Fate.META_TYPE;
      }
      if (type >= 65280 && type <= 65534) {
        return Fate.PRIVATE_TYPE;
      }
      return Fate.KEEP;
    }

    /** Reports a record that cannot be exported; the subject is built only here (it is costly). */
    private void refuse(Fate fate, Record r, String producedBy) {
      // dnsjava separates fields with tabs; one space reads better in a message.
      String subject = r.toString().replaceAll("\t+", " ") + producedBy;
      int type = r.getType();
      switch (fate) {
        case OUTSIDE_ZONE ->
            error(
                ExportFindingCode.RECORD_OUTSIDE_ZONE,
                r.getName(),
                subject,
                "the record lies outside the zone "
                    + origin
                    + " or has another class than its SOA");
        case SOA ->
            error(
                ExportFindingCode.EXPANSION_FAILED,
                r.getName(),
                subject,
                "an expander produced an SOA record; the exporter writes the zone's only SOA");
        case META_TYPE ->
            error(
                ExportFindingCode.META_TYPE_RECORD,
                r.getName(),
                subject,
                "type "
                    + Type.string(type)
                    + " is a meta type or query type and cannot be zone"
                    + " data");
        case PRIVATE_TYPE ->
            error(
                ExportFindingCode.PRIVATE_TYPE_RECORD,
                r.getName(),
                subject,
                "type "
                    + Type.string(type)
                    + " is reserved for private use; if it is a platform"
                    + " record (such as ALIAS), give it to the exporter as a virtual record");
        default -> throw new IllegalStateException("not a refusal: " + fate);
      }
    }

    /** Adds the host's standard records, reading their octets (no Record unless refused). */
    private void addHostRecords(PackedRecords records) {
      for (int i = 0; i < records.size(); i++) {
        int type = records.type(i);
        Fate fate =
            fate(
                records.ownerAtOrBelow(i, originWire),
                records.dclass(i),
                type,
                (type == Type.NS || type == Type.ZONEMD) && records.ownerIs(i, originWire));
        if (fate == Fate.KEEP) {
          emit(records, i, type);
        } else {
          int index = i;
          handle(fate, () -> records.get(index), "");
        }
      }
      reportDnssecDropped();
    }

    /**
     * Adds the host's standard records when they are known checked for this zone (in the zone, of
     * its class, no SOA, no meta type, no duplicates): only what the export itself drops is looked
     * at (apex NS, DNSSEC, the apex ZONEMD, private types), and each run of kept records is copied
     * at once, compared only with the apex NS records emitted before.
     */
    private void addCheckedHostRecords(ZoneRecords checked) {
      PackedRecords records = checked.records();
      boolean trackAddresses = !inZoneNameServers.isEmpty();
      ZoneSnapshot.Builder exported = out();
      int before = exported.size();
      exported.addAll(
          checked,
          i -> {
            int type = records.type(i);
            boolean apexOnly = type == Type.NS || type == Type.ZONEMD;
            Fate fate = fate(true, dclass, type, apexOnly && records.ownerIs(i, originWire));
            if (fate != Fate.KEEP) {
              handle(fate, () -> records.get(i), "");
              return false;
            }
            if (trackAddresses && (type == Type.A || type == Type.AAAA)) {
              noteNameServerAddress(records, i);
            }
            return true;
          });
      emitted += exported.size() - before;
      reportDnssecDropped();
    }

    /** Adds expander records; {@code producedBy} names the virtual record. */
    private void addStandardRecords(List<Record> records, String producedBy) {
      for (Record r : records) {
        Fate fate =
            fate(
                r.getName().subdomain(origin),
                r.getDClass(),
                r.getType(),
                r.getName().equals(origin));
        if (fate == Fate.KEEP) {
          emit(r);
        } else {
          handle(fate, () -> r, producedBy);
        }
      }
      reportDnssecDropped();
    }

    private void handle(Fate fate, java.util.function.Supplier<Record> record, String producedBy) {
      if (fate == Fate.DNSSEC) {
        dnssecDropped = true;
      } else if (fate == Fate.APEX_DIGEST) {
        hostDigestDropped = true;
      } else if (fate != Fate.APEX_NS) {
        refuse(fate, record.get(), producedBy);
      }
    }

    private void reportDnssecDropped() {
      if (dnssecDropped
          && findings.stream()
              .noneMatch(f -> f.code() == ExportFindingCode.DNSSEC_RECORDS_DROPPED)) {
        findings.add(
            ExportFinding.of(
                ExportFindingCode.DNSSEC_RECORDS_DROPPED,
                origin,
                origin + " RRSIG/NSEC/NSEC3/NSEC3PARAM",
                "DNSSEC signatures and denial records are not transferred: the exported SOA and apex"
                    + " NS differ from the signed ones; secondaries serve the zone unsigned unless"
                    + " they sign it themselves"));
      }
    }

    private boolean isDnssecSignatureOrDenial(int type) {
      return type == Type.RRSIG
          || type == Type.NSEC
          || type == Type.NSEC3
          || type == Type.NSEC3PARAM;
    }

    private void addTexts() {
      for (HostTxtRecord t : zone.texts()) {
        if (!t.name().subdomain(origin)) {
          outsideZone(t.name(), t.toString());
          continue;
        }
        List<byte[]> strings = new ArrayList<>();
        for (String s : t.strings()) {
          strings.addAll(splitCharacterString(s.getBytes(StandardCharsets.UTF_8)));
        }
        if (t.hasOverlongString()) {
          findings.add(
              ExportFinding.of(
                  ExportFindingCode.TXT_STRING_TOO_LONG,
                  t.name(),
                  t.toString(),
                  "a TXT string is longer than 255 octets, which DNS cannot carry; it was split into "
                      + strings.size()
                      + " strings of at most 255 octets, which SPF and DKIM read as"
                      + " one but other uses may not"));
        }
        int length = strings.stream().mapToInt(b -> b.length + 1).sum();
        ByteBuffer rdata = ByteBuffer.allocate(length);
        for (byte[] b : strings) {
          rdata.put((byte) b.length).put(b);
        }
        emit(Record.newRecord(t.name(), Type.TXT, dclass, t.ttl(), rdata.array()));
      }
    }

    private void addVirtualRecords(Set<Name> cnameOwners) {
      ExpansionContext context = new ExpansionContext(origin, dclass, request.resolutions());
      Set<Name> aliasOwners = new HashSet<>();
      for (VirtualRecord v : zone.virtualRecords()) {
        if (!v.name().subdomain(origin)) {
          outsideZone(v.name(), v.toString());
        } else if (v instanceof AliasRecord aliasRecord) {
          addAlias(aliasRecord, cnameOwners, aliasOwners);
        } else if (v instanceof UrlRecord urlRecord) {
          addUrl(urlRecord, cnameOwners);
        } else {
          addHostKind(v, context);
        }
      }
    }

    private void addAlias(AliasRecord alias, Set<Name> cnameOwners, Set<Name> aliasOwners) {
      Name owner = alias.name();
      if (cnameOwners.contains(owner)) {
        error(
            ExportFindingCode.ALIAS_BESIDE_CNAME,
            owner,
            alias.toString(),
            "an ALIAS cannot share its name with a CNAME: a name with a CNAME has no other data;"
                + " remove one of them");
        return;
      }
      if (!aliasOwners.add(owner)) {
        error(
            ExportFindingCode.MULTIPLE_ALIASES,
            owner,
            alias.toString(),
            "there is more than one ALIAS at " + owner + "; keep one");
        return;
      }
      Name target = alias.target();
      TargetResolution given = request.resolutions().get(target);
      TargetResolution.Resolved values;
      if (given instanceof TargetResolution.Resolved resolved) {
        values = resolved;
      } else {
        String reason =
            given instanceof TargetResolution.Unresolved unresolved
                ? unresolved.reason()
                : "no value was given for it";
        String unresolved = "the ALIAS target " + target + " did not resolve (" + reason;
        values = request.lastGoodValues().get(target);
        if (values == null) {
          findings.add(
              ExportFinding.of(
                  ExportFindingCode.ALIAS_TARGET_UNRESOLVED_OMITTED,
                  owner,
                  alias.toString(),
                  unresolved
                      + ") and no earlier value is known; secondaries serve no A/AAAA at "
                      + owner
                      + " until it"
                      + " resolves"));
          return;
        }
        findings.add(
            ExportFinding.of(
                ExportFindingCode.ALIAS_TARGET_UNRESOLVED_LAST_GOOD,
                owner,
                alias.toString(),
                unresolved
                    + "); secondaries keep serving its last known addresses "
                    + values.addresses()));
      }
      targetValues.put(target, values);
      long ttl = Math.min(alias.ttl(), values.ttl().orElse(alias.ttl()));
      List<Record> records = addressRecords(owner, ttl, values.addresses());
      records.forEach(this::emit);
      flattened(
          alias,
          records.size()
              + " A/AAAA records with the addresses of "
              + target
              + " (TTL "
              + ttl
              + ")");
    }

    private void addUrl(UrlRecord url, Set<Name> cnameOwners) {
      if (cnameOwners.contains(url.name())) {
        error(
            ExportFindingCode.URL_BESIDE_CNAME,
            url.name(),
            url.toString(),
            "a URL record cannot share its name with a CNAME: its A/AAAA could not be served"
                + " there; remove one of them");
        return;
      }
      if (request.redirectorAddresses().isEmpty()) {
        error(
            ExportFindingCode.URL_WITHOUT_REDIRECTOR,
            url.name(),
            url.toString(),
            "the export has no redirector address to serve for this URL record");
        return;
      }
      List<Record> records = addressRecords(url.name(), url.ttl(), request.redirectorAddresses());
      records.forEach(this::emit);
      flattened(
          url,
          records.size()
              + " A/AAAA records of the HTTP redirector, which keeps"
              + " answering the redirect");
    }

    @SuppressWarnings("unchecked")
    private void addHostKind(VirtualRecord v, ExpansionContext context) {
      Optional<VirtualRecordExpander<?>> expander = expanderFor(v.getClass());
      if (expander.isEmpty()) {
        error(
            ExportFindingCode.UNKNOWN_VIRTUAL_KIND,
            v.name(),
            v.toString(),
            "the exporter was not taught how to export virtual records of kind "
                + v.getClass().getName()
                + "; register a VirtualRecordExpander for it");
        return;
      }
      List<Record> records;
      try {
        records =
            List.copyOf(((VirtualRecordExpander<VirtualRecord>) expander.get()).expand(v, context));
      } catch (RuntimeException e) {
        expanderFailures.add(e);
        error(
            ExportFindingCode.EXPANSION_FAILED,
            v.name(),
            v.toString(),
            "the expander for " + v.getClass().getName() + " failed: " + e);
        return;
      }
      int before = emitted;
      addStandardRecords(records, " (from " + v + ")");
      flattened(v, (emitted - before) + " standard records");
    }

    private Optional<VirtualRecordExpander<?>> expanderFor(Class<?> kind) {
      VirtualRecordExpander<?> exact = expanders.get(kind);
      if (exact != null) {
        return Optional.of(exact);
      }
      return expanders.entrySet().stream()
          .filter(e -> e.getKey().isAssignableFrom(kind))
          .map(Map.Entry::getValue)
          .findFirst();
    }

    private List<Record> addressRecords(Name owner, long ttl, List<InetAddress> addresses) {
      List<Record> records = new ArrayList<>(addresses.size());
      for (InetAddress a : addresses) {
        records.add(
            a instanceof Inet4Address
                ? new ARecord(owner, dclass, ttl, a)
                : new AAAARecord(owner, dclass, ttl, a));
      }
      return records;
    }

    private void flattened(VirtualRecord v, String what) {
      findings.add(
          ExportFinding.of(
              ExportFindingCode.VIRTUAL_RECORD_FLATTENED,
              v.name(),
              v.toString(),
              "served to secondaries as "
                  + what
                  + "; they change only when the zone"
                  + " is exported again"));
    }

    private void error(ExportFindingCode code, Name name, String subject, String message) {
      findings.add(ExportFinding.of(code, name, subject, message));
    }

    /** A host record (TXT or virtual) whose owner is not in the zone. */
    private void outsideZone(Name name, String subject) {
      error(
          ExportFindingCode.RECORD_OUTSIDE_ZONE,
          name,
          subject,
          "the record lies outside the zone " + origin);
    }

    /**
     * The checks of what secondaries refuse, per owner name, without a map of names: the records
     * are cut into runs of adjacent records at one owner (a zone file usually keeps an owner's
     * records together; {@link PackedRecords#ownerRunStarts}); the apex's runs are joined; of the
     * other runs, only those whose owner hash another run has (an owner whose records are not
     * adjacent, or a collision) are chained by hash and joined by owner. Only owners with more than
     * one record, and the apex (which has the SOA), can be refused, and only those that fail a
     * cheap test get the full check.
     *
     * <p>Each pass is a small method of its own: a cold JVM compiles small loops soon and cheaply,
     * where one large method was interpreted, then compiled on its stack (OSR) several times, and a
     * directory of thousands of small zones compiled it as often.
     */
    private void checkWhatSecondariesRefuse(PackedRecords records) {
      int[] runStarts = records.ownerRunStarts();
      int runs = runStarts.length - 1;
      RunScan scan = new RunScan(runs);
      scanRuns(records, runStarts, scan);
      HashSet32 shared = scan.shared();
      List<OwnerGroup> groups = new ArrayList<>();
      OwnerGroup apex = new OwnerGroup(origin, Integer.MAX_VALUE);
      apex.types.put(Type.SOA, 1);
      groups.add(apex);
      // The apex's runs, joined (an export puts the apex NS set first, the host's other apex
      // records come later): left out of the hash table, where they would always share a hash.
      int[] members = new int[16];
      int size = 0;
      for (int k = 0; k < scan.apexRuns; k++) {
        int run = scan.apexRun[k];
        for (int i = runStarts[run]; i < runStarts[run + 1]; i++) {
          if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
          }
          members[size++] = i;
        }
      }
      if (size > 0) {
        judge(records, members[0], members, size, apex, groups);
      }
      // An owner whose records are all in one run (no other run has its hash), judged alone: the
      // order of the judging does not matter, the groups are sorted by their first record below.
      for (int k = 0; k < scan.suspects; k++) {
        int run = scan.suspect[k];
        if (shared.contains(scan.hashes[run])) {
          continue; // judged with the other runs of its hash
        }
        int first = runStarts[run];
        size = runStarts[run + 1] - first;
        if (size > members.length) {
          members = new int[size];
        }
        for (int m = 0; m < size; m++) {
          members[m] = first + m;
        }
        judge(records, first, members, size, apex, groups);
      }
      if (!shared.isEmpty()) {
        judgeSharedRuns(records, runStarts, scan, shared, apex, groups);
      }
      if (groups.size() == 1 && apex.types.size() == 1) {
        // Nothing could be refused (the apex holds its SOA alone): the usual zone ends here,
        // without the maps and sorting below.
        return;
      }
      // Findings in zone order, as a reader of the zone meets the names.
      List<OwnerGroup> byFirstRecord = new ArrayList<>(groups);
      byFirstRecord.sort(java.util.Comparator.comparingInt(g -> g.first));
      for (OwnerGroup g : byFirstRecord) {
        Name name = g.resolveName(records);
        g.ttls.forEach(
            (type, seen) -> {
              if (seen.size() > 1) {
                findings.add(
                    ExportFinding.of(
                        ExportFindingCode.RRSET_TTL_MISMATCH,
                        name,
                        name + " " + Type.string(type),
                        "the "
                            + Type.string(type)
                            + " records at "
                            + name
                            + " have different TTLs "
                            + seen
                            + "; secondaries may serve them all with the"
                            + " lowest; give them one TTL"));
              }
            });
      }
      byFirstRecord.remove(apex);
      byFirstRecord.add(0, apex);
      for (OwnerGroup g : byFirstRecord) {
        checkTypes(g.resolveName(records), g.types);
      }
    }

    /**
     * Notes each run's owner hash, and the runs that could be refused alone: the apex's runs
     * (always judged: the apex has the SOA) and, among the others, those of more than one record
     * that fail {@link #runMayBeRefused}.
     */
    private void scanRuns(PackedRecords records, int[] runStarts, RunScan scan) {
      int runs = runStarts.length - 1;
      for (int r = 0; r < runs; r++) {
        int first = runStarts[r];
        int size = runStarts[r + 1] - first;
        if (records.ownerIs(first, originWire)) {
          scan.apex(r);
        } else {
          scan.hash(r, records.ownerHash(first));
          if (size > 1 && runMayBeRefused(records, first, size)) {
            scan.suspect(r);
          }
        }
      }
    }

    /**
     * Judges the owners of the runs whose owner hash another run has, one owner's runs at a time (a
     * hash never decides equality): the runs of equal hash are chained in zone order, and the runs
     * of a chain with the same owner are joined.
     */
    private void judgeSharedRuns(
        PackedRecords records,
        int[] runStarts,
        RunScan scan,
        HashSet32 shared,
        OwnerGroup apex,
        List<OwnerGroup> groups) {
      SharedRuns s = new SharedRuns(records, runStarts, scan, shared);
      s.next = chainRunsByHash(Arrays.copyOf(s.hashes, s.count));
      for (int head = 0; head < s.count; head++) {
        if (s.chained[head]) {
          continue;
        }
        int length = s.chain(head);
        for (int k = 0; k < length; k++) {
          if (s.joined[s.chain[k]]) {
            continue; // joined to an earlier owner
          }
          int first = runStarts[s.sharing[s.chain[k]]];
          int size = s.join(k, length);
          judge(records, first, s.members, size, apex, groups);
        }
      }
    }

    /**
     * Links the runs of equal hash in zone order: {@code next[r]} is the next run after {@code r}
     * with the same hash, or -1.
     */
    private int[] chainRunsByHash(int[] hashes) {
      int runs = hashes.length;
      int[] next = new int[runs];
      int[] last = new int[runs]; // per first run of a hash: the last run chained so far
      int capacity = Integer.highestOneBit(Math.max(2, runs) * 2 - 1) << 1;
      int mask = capacity - 1;
      int[] firsts = new int[capacity]; // first run + 1 of the hash in this slot; 0 is empty
      for (int r = 0; r < runs; r++) {
        next[r] = -1;
        int h = hashes[r];
        int slot = (h ^ (h >>> 16)) & mask;
        while (firsts[slot] != 0 && hashes[firsts[slot] - 1] != h) {
          slot = (slot + 1) & mask;
        }
        if (firsts[slot] == 0) {
          firsts[slot] = r + 1;
          last[r] = r;
        } else {
          int first = firsts[slot] - 1;
          next[last[first]] = r;
          last[first] = r;
        }
      }
      return next;
    }

    /** Adds one owner's records to the apex or, when they could be refused, to the groups. */
    private void judge(
        PackedRecords records,
        int first,
        int[] members,
        int size,
        OwnerGroup apex,
        List<OwnerGroup> groups) {
      if (records.ownerIs(first, originWire)) {
        // Judged only when it could be refused: every zone has an apex, and counting its records
        // in maps was most of this check for a small zone.
        if (apexMayBeRefused(records, members, size)) {
          for (int m = 0; m < size; m++) {
            apex.add(records, members[m]);
          }
        }
      } else if (size > 1 && mayBeRefused(records, members, size)) {
        Arrays.sort(members, 0, size);
        OwnerGroup g = new OwnerGroup(null, members[0]);
        for (int m = 0; m < size; m++) {
          g.add(records, members[m]);
        }
        groups.add(g);
      }
    }

    /**
     * {@link #mayBeRefused} for the records {@code first} to {@code first + size - 1}, adjacent,
     * without an array of their indexes.
     */
    private boolean runMayBeRefused(PackedRecords records, int first, int size) {
      if (size > BIND_LIMIT) {
        return true;
      }
      beginCheapTest();
      for (int i = first; i < first + size; i++) {
        if (cheapTestSeesTwoTtls(records.type(i), records.ttl(i))) {
          return true;
        }
      }
      return cheapTestSeesCnameBesideOtherData();
    }

    /**
     * Whether the records at one owner could be refused: an RRset with two TTLs, a CNAME beside
     * other data, more than the BIND limit of records in an RRset or of types. Cheap (no map), so
     * that only the rare owners that fail it get the full, exact check.
     */
    private boolean mayBeRefused(PackedRecords records, int[] members, int size) {
      if (size > BIND_LIMIT) {
        return true;
      }
      beginCheapTest();
      for (int m = 0; m < size; m++) {
        if (cheapTestSeesTwoTtls(records.type(members[m]), records.ttl(members[m]))) {
          return true;
        }
      }
      return cheapTestSeesCnameBesideOtherData();
    }

    /** Starts the cheap test of one owner's records (at most BIND_LIMIT of them). */
    private void beginCheapTest() {
      if (runTypes.length < BIND_LIMIT) {
        runTypes = new int[BIND_LIMIT];
        runTtls = new long[BIND_LIMIT];
      }
      cheapTypes = 0;
      cheapCname = false;
    }

    /** Feeds the cheap test one record; true when its RRset was seen with another TTL. */
    private boolean cheapTestSeesTwoTtls(int type, long ttl) {
      cheapCname |= type == Type.CNAME;
      int t = 0;
      while (t < cheapTypes && runTypes[t] != type) {
        t++;
      }
      if (t == cheapTypes) {
        runTypes[cheapTypes] = type;
        runTtls[cheapTypes++] = ttl;
        return false;
      }
      return runTtls[t] != ttl;
    }

    /** After the owner's last record: whether a CNAME was seen beside another type. */
    private boolean cheapTestSeesCnameBesideOtherData() {
      return cheapCname && cheapTypes > 1;
    }

    /**
     * Whether the apex's records could be refused, with its SOA (one more record and type, never
     * beside a CNAME): the cheap test of {@link #mayBeRefused}, so that an apex that passes it has
     * nothing the full check would report.
     */
    private boolean apexMayBeRefused(PackedRecords records, int[] members, int size) {
      if (size + 1 > BIND_LIMIT) {
        return true;
      }
      for (int m = 0; m < size; m++) {
        if (records.type(members[m]) == Type.CNAME) {
          return true;
        }
      }
      return mayBeRefused(records, members, size);
    }

    private void checkTypes(Name name, Map<Integer, Integer> types) {
      if (types.containsKey(Type.CNAME)) {
        List<String> others =
            types.keySet().stream()
                .filter(t -> t != Type.CNAME && t != Type.RRSIG && t != Type.NSEC)
                .map(Type::string)
                .toList();
        if (!others.isEmpty()) {
          findings.add(
              ExportFinding.of(
                  ExportFindingCode.CNAME_BESIDE_OTHER_DATA,
                  name,
                  name + " CNAME",
                  "a CNAME shares its name with "
                      + String.join(", ", others)
                      + "; secondaries refuse a zone with a CNAME beside other data"));
        }
      }
      types.forEach(
          (type, count) -> {
            if (count > BIND_LIMIT) {
              findings.add(
                  ExportFinding.of(
                      ExportFindingCode.RRSET_TOO_LARGE,
                      name,
                      name + " " + Type.string(type),
                      "the "
                          + Type.string(type)
                          + " RRset has "
                          + count
                          + " records; BIND"
                          + " 9.18 and later refuse a zone with more than "
                          + BIND_LIMIT
                          + " by default"));
            }
          });
      if (types.size() > BIND_LIMIT) {
        findings.add(
            ExportFinding.of(
                ExportFindingCode.TOO_MANY_TYPES_AT_NAME,
                name,
                name.toString(),
                name
                    + " has "
                    + types.size()
                    + " record types; BIND 9.18"
                    + " and later refuse a zone with more than "
                    + BIND_LIMIT
                    + " at one name by default"));
      }
    }
  }

  /**
   * A set of {@code int} hashes in one open-addressing array (no boxing, no array per entry): 4
   * octets a slot at most three quarters full, so that the owner hashes of a big zone's runs stay a
   * few megabytes (a random access per run: a table several times that size cost more in cache and
   * page misses than the hashing). Zero, which marks an empty slot, is kept beside the array.
   */
  private static final class HashSet32 {
    private int[] slots;
    private int shift;
    private int size;
    private boolean hasZero;

    HashSet32(int expected) {
      allocate(Integer.highestOneBit(Math.max(8, expected + expected / 2)) << 1);
    }

    private void allocate(int capacity) {
      slots = new int[capacity];
      shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** Adds a hash; false when it was there already. */
    boolean add(int hash) {
      if (hash == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      int slot = slotOf(hash);
      if (slots[slot] == hash) {
        return false;
      }
      slots[slot] = hash;
      if (++size * 4 > slots.length * 3) {
        int[] old = slots;
        allocate(old.length * 2);
        size = 0;
        for (int h : old) {
          if (h != 0) {
            add(h);
          }
        }
      }
      return true;
    }

    boolean contains(int hash) {
      return hash == 0 ? hasZero : slots[slotOf(hash)] == hash;
    }

    /** The slot that holds this (non-zero) hash, or the empty slot where it would go. */
    private int slotOf(int hash) {
      int mask = slots.length - 1;
      int slot = (hash * 0x9E3779B9) >>> shift;
      int entry;
      while ((entry = slots[slot]) != 0 && entry != hash) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    boolean isEmpty() {
      return size == 0 && !hasZero;
    }
  }

  /**
   * What one pass over the runs of an export's records notes: each run's owner hash (the apex's
   * runs apart), the apex's runs and the runs that could be refused alone, in zone order; then the
   * hashes more than one run has (usually a few collisions; an owner whose records are not
   * adjacent).
   *
   * <p>The pass marks each hash in a bitmap of at most 512 KiB, and a second one when the first
   * already had the bit: only the hashes whose bit is in the second are then counted exactly. A
   * hash table of every run's hash, a few megabytes for a big zone, cost a cache miss per run.
   */
  private static final class RunScan {
    private static final int MAX_BITS_LOG2 = 22;

    final int[] hashes;

    /** Whether the run's hash was noted (false for the apex's runs). */
    final boolean[] hashed;

    private final long[] once;
    private final long[] twice;
    private final int shift;
    private boolean anyTwice;
    int[] apexRun = new int[4];
    int apexRuns;
    int[] suspect = new int[16];
    int suspects;

    RunScan(int runs) {
      hashes = new int[runs];
      hashed = new boolean[runs];
      // About eight bits a run: a bit is set twice by two different hashes for a few percent of
      // the runs.
      int log2 = Math.min(MAX_BITS_LOG2, Math.max(6, 35 - Integer.numberOfLeadingZeros(runs)));
      once = new long[1 << (log2 - 6)];
      twice = new long[1 << (log2 - 6)];
      shift = 32 - log2;
    }

    private int bit(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }

    void hash(int run, int hash) {
      hashes[run] = hash;
      hashed[run] = true;
      int bit = bit(hash);
      long mask = 1L << bit;
      if ((once[bit >>> 6] & mask) != 0) {
        twice[bit >>> 6] |= mask;
        anyTwice = true;
      } else {
        once[bit >>> 6] |= mask;
      }
    }

    /** The hashes that more than one run has, once every run was noted. */
    HashSet32 shared() {
      HashSet32 shared = new HashSet32(8);
      if (!anyTwice) {
        return shared;
      }
      HashSet32 candidates = new HashSet32(64);
      for (int r = 0; r < hashes.length; r++) {
        if (hashed[r]) {
          int hash = hashes[r];
          int bit = bit(hash);
          if ((twice[bit >>> 6] & (1L << bit)) != 0 && !candidates.add(hash)) {
            shared.add(hash);
          }
        }
      }
      return shared;
    }

    void apex(int run) {
      if (apexRuns == apexRun.length) {
        apexRun = Arrays.copyOf(apexRun, apexRuns * 2);
      }
      apexRun[apexRuns++] = run;
    }

    void suspect(int run) {
      if (suspects == suspect.length) {
        suspect = Arrays.copyOf(suspect, suspects * 2);
      }
      suspect[suspects++] = run;
    }
  }

  /**
   * The runs whose owner hash another run has, in zone order, and the state of joining them by
   * owner: each loop a small method, because a directory of small zones (whose owners' records are
   * often apart) runs them for every zone, and a large method was compiled on its stack (OSR) again
   * and again.
   */
  private static final class SharedRuns {
    private final PackedRecords records;
    private final int[] runStarts;
    int[] sharing = new int[16];
    int[] hashes = new int[16];
    int count;
    int[] next = new int[0];
    final boolean[] joined;
    final boolean[] chained; // runs met as a later link of a chain
    int[] chain = new int[16];
    int[] members = new int[16];

    SharedRuns(PackedRecords records, int[] runStarts, RunScan scan, HashSet32 shared) {
      this.records = records;
      this.runStarts = runStarts;
      int runs = runStarts.length - 1;
      for (int r = 0; r < runs; r++) {
        if (scan.hashed[r] && shared.contains(scan.hashes[r])) {
          if (count == sharing.length) {
            sharing = Arrays.copyOf(sharing, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
          }
          sharing[count] = r;
          hashes[count++] = scan.hashes[r];
        }
      }
      joined = new boolean[count];
      chained = new boolean[count];
    }

    /** Puts the chain of runs of {@code head}'s hash into {@link #chain}; returns its length. */
    int chain(int head) {
      int length = 0;
      for (int j = head; j >= 0; j = next[j]) {
        if (length == chain.length) {
          chain = Arrays.copyOf(chain, length * 2);
        }
        chain[length++] = j;
        chained[j] = true;
      }
      return length;
    }

    /**
     * Joins the runs of the chain from {@code k} on that have the owner of run {@code chain[k]}:
     * puts their records into {@link #members} in zone order, returns how many.
     */
    int join(int k, int length) {
      int first = runStarts[sharing[chain[k]]];
      int size = 0;
      for (int j = k; j < length; j++) {
        int other = chain[j];
        if (joined[other]) {
          continue;
        }
        int run = sharing[other];
        if (j == k || records.sameOwner(first, records, runStarts[run])) {
          size = add(run, size);
          joined[other] = true;
        }
      }
      return size;
    }

    private int add(int run, int size) {
      int end = runStarts[run + 1];
      int needed = size + end - runStarts[run];
      if (needed > members.length) {
        members = Arrays.copyOf(members, Math.max(needed, members.length * 2));
      }
      int at = size;
      for (int i = runStarts[run]; i < end; i++) {
        members[at++] = i;
      }
      return at;
    }
  }

  /** The records at one owner name: counts and TTLs per type, in the order types appear. */
  private static final class OwnerGroup {
    @Nullable Name name;
    int first;
    final Map<Integer, Integer> types = new LinkedHashMap<>();
    final Map<Integer, Set<Long>> ttls = new LinkedHashMap<>();

    OwnerGroup(@Nullable Name name, int first) {
      this.name = name;
      this.first = first;
    }

    void add(PackedRecords records, int i) {
      int type = records.type(i);
      types.merge(type, 1, Integer::sum);
      ttls.computeIfAbsent(type, t -> new TreeSet<>()).add(records.ttl(i));
      first = Math.min(first, i);
    }

    Name resolveName(PackedRecords records) {
      Name resolved = name;
      if (resolved == null) {
        resolved = records.owner(first); // the first spelling in the zone, as a reader meets it
        name = resolved;
      }
      return resolved;
    }
  }

  /**
   * Splits text into character-strings of at most 255 octets, never inside a UTF-8 sequence, so
   * that each piece stays valid UTF-8. An empty text gives one empty string.
   */
  static List<byte[]> splitCharacterString(byte[] text) {
    List<byte[]> pieces = new ArrayList<>();
    int start = 0;
    do {
      int end = Math.min(text.length, start + MAX_CHARACTER_STRING);
      if (end < text.length) {
        // Back off while the first byte of the next piece would be a continuation byte.
        while (end > start + 1 && (text[end] & 0xC0) == 0x80) {
          end--;
        }
      }
      pieces.add(Arrays.copyOfRange(text, start, end));
      start = end;
    } while (start < text.length);
    return pieces;
  }

  /** Builds a {@link ZoneExporter}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private final Map<Class<?>, VirtualRecordExpander<?>> expanders = new LinkedHashMap<>();

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Teaches the exporter a host-defined kind of virtual record. A record is expanded by the
     * expander registered for its exact class, else by the first one registered for a supertype.
     *
     * @param kind the record class (or a supertype of several)
     * @param expander how to expand it
     * @param <T> the kind
     * @return this builder
     * @throws IllegalArgumentException for {@link AliasRecord} and {@link UrlRecord} (built in), or
     *     a kind taught twice
     */
    public <T extends VirtualRecord> Builder expander(
        Class<T> kind, VirtualRecordExpander<? super T> expander) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(expander, "expander");
      if (kind == AliasRecord.class || kind == UrlRecord.class) {
        throw new IllegalArgumentException(
            kind.getSimpleName() + " is built into the exporter and cannot be replaced");
      }
      if (expanders.putIfAbsent(kind, expander) != null) {
        throw new IllegalArgumentException("an expander for " + kind.getName() + " is already set");
      }
      return this;
    }

    /**
     * Builds the exporter.
     *
     * @return the exporter
     */
    public ZoneExporter build() {
      return new ZoneExporter(this);
    }
  }
}
