package io.github.secdns.core.export;

import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The host's zone as the host stores it: its SOA, standard dnsjava records, TXT records with
 * strings of any length, and virtual records (ALIAS, URL and the host's own kinds) that only the
 * host's platform understands.
 *
 * <p>Immutable and thread-safe. Building checks only what is needed to hold the data (non-null,
 * absolute names, one SOA); everything about what can be exported is checked by {@link
 * ZoneExporter}, which reports every problem at once with the record it concerns.
 */
public final class HostZone {

  private final SOARecord soa;
  private final PackedRecords records;
  // The same records, when they were given as records checked for this zone (and nothing else).
  @Nullable private final ZoneRecords checked;
  private final List<HostTxtRecord> texts;
  private final List<VirtualRecord> virtualRecords;

  private HostZone(Builder b) {
    this.soa = b.soa;
    this.checked = b.checked();
    this.records = checked != null ? checked.records() : b.packed();
    this.texts = List.copyOf(b.texts);
    this.virtualRecords = List.copyOf(b.virtualRecords);
  }

  /**
   * Starts a zone.
   *
   * @param soa the host's SOA; its owner is the zone origin, its serial is the host's serial
   * @return a builder
   */
  public static Builder builder(SOARecord soa) {
    return new Builder(soa);
  }

  /**
   * Returns the zone's origin.
   *
   * @return the SOA's owner, absolute
   */
  public Name origin() {
    return soa.getName();
  }

  /**
   * Returns the host's SOA.
   *
   * @return the SOA
   */
  public SOARecord soa() {
    return soa;
  }

  /**
   * Returns the standard records, in the order given, as a view that decodes each record when it is
   * read.
   *
   * @return an unmodifiable list
   */
  public List<Record> records() {
    return records.asList();
  }

  /**
   * Returns the standard records, in the order given, in their packed wire form (how the zone holds
   * them: about their wire size in memory).
   *
   * @return the records
   */
  public PackedRecords packedRecords() {
    return records;
  }

  /**
   * Returns the standard records as records already checked for this zone (in the zone, of its
   * class, no SOA, no meta type, no duplicates), when the zone was built from exactly one {@link
   * ZoneRecords} of its origin and class and no other standard record: the exporter then takes them
   * without checking or comparing them again.
   *
   * @return the checked records, the same as {@link #packedRecords()}; empty otherwise
   */
  public Optional<ZoneRecords> checkedRecords() {
    return Optional.ofNullable(checked);
  }

  /**
   * Returns the TXT records held as text of any length, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<HostTxtRecord> texts() {
    return texts;
  }

  /**
   * Returns the virtual records, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<VirtualRecord> virtualRecords() {
    return virtualRecords;
  }

  /**
   * Returns the host names the ALIAS records point at: what the host (or a refresher) must resolve
   * before exporting.
   *
   * @return an unmodifiable set in the order of the ALIAS records, without duplicates (names
   *     compare case-insensitively)
   */
  public Set<Name> aliasTargets() {
    Set<Name> targets = new LinkedHashSet<>();
    for (VirtualRecord v : virtualRecords) {
      if (v instanceof AliasRecord aliasRecord) {
        targets.add(aliasRecord.target());
      }
    }
    return Collections.unmodifiableSet(targets);
  }

  @Override
  public String toString() {
    return "HostZone[origin="
        + origin()
        + ", records="
        + records.size()
        + ", texts="
        + texts.size()
        + ", virtualRecords="
        + virtualRecords.size()
        + "]";
  }

  /** Builds a {@link HostZone}. Not thread-safe. */
  public static final class Builder {
    private final SOARecord soa;
    private final PackedRecords.Builder records = PackedRecords.builder();
    // Packed records given whole and alone are kept as they are: no copy of a large zone.
    @Nullable private PackedRecords given;
    // Checked records given whole and alone: kept as they are, and known checked.
    @Nullable private ZoneRecords givenChecked;
    private final List<HostTxtRecord> texts = new ArrayList<>();
    private final List<VirtualRecord> virtualRecords = new ArrayList<>();

    private Builder(SOARecord soa) {
      this.soa = Objects.requireNonNull(soa, "soa");
      Arguments.checkAbsolute(soa.getName(), "zone origin");
    }

    /**
     * Adds a standard record.
     *
     * @param record the record; not an SOA (the SOA is given to {@link HostZone#builder})
     * @return this builder
     * @throws IllegalArgumentException when the record is an SOA
     */
    public Builder record(Record record) {
      Objects.requireNonNull(record, "record");
      if (record.getType() == Type.SOA) {
        throw new IllegalArgumentException(
            "the zone's SOA is given to HostZone.builder, not added as a record: " + record);
      }
      keepGiven();
      records.add(record);
      return this;
    }

    private void keepGiven() {
      givenChecked = null;
      if (given != null) {
        records.addAll(given, 0, given.size());
        given = null;
      }
    }

    @Nullable
    private ZoneRecords checked() {
      return givenChecked != null
              && given == givenChecked.records()
              && records.size() == 0
              && givenChecked.belongTo(soa.getName(), soa.getDClass())
          ? givenChecked
          : null;
    }

    private PackedRecords packed() {
      return given != null && records.size() == 0 ? given : records.build();
    }

    /**
     * Adds standard records in packed form, copying only their octets: the way to hold a large zone
     * without a dnsjava {@code Record} per record.
     *
     * @param packed the records; none an SOA
     * @return this builder
     * @throws IllegalArgumentException when a record is an SOA; nothing is added then
     */
    public Builder records(PackedRecords packed) {
      for (int i = 0; i < packed.size(); i++) {
        if (packed.type(i) == Type.SOA) {
          throw new IllegalArgumentException(
              "the zone's SOA is given to HostZone.builder, not added as a record: "
                  + packed.get(i));
        }
      }
      if (given == null && records.size() == 0) {
        given = packed;
      } else {
        keepGiven();
        records.addAll(packed, 0, packed.size());
      }
      return this;
    }

    /**
     * Adds standard records already checked for a zone (no SOA among them, by their type). Given
     * alone, for this zone's origin and class, they are kept as they are and the exporter does not
     * check or compare them again ({@link HostZone#checkedRecords()}); otherwise they are added as
     * {@link #records(PackedRecords)} adds packed records.
     *
     * @param checked the records
     * @return this builder
     */
    public Builder records(ZoneRecords checked) {
      if (given == null && records.size() == 0) {
        given = checked.records();
        givenChecked = checked;
      } else {
        keepGiven();
        records.addAll(checked.records(), 0, checked.size());
      }
      return this;
    }

    /**
     * Adds standard records.
     *
     * @param records the records; none an SOA
     * @return this builder
     * @throws IllegalArgumentException when a record is an SOA
     */
    public Builder records(Collection<? extends Record> records) {
      records.forEach(this::record);
      return this;
    }

    /**
     * Adds a TXT record held as text of any length.
     *
     * @param text the record
     * @return this builder
     */
    public Builder text(HostTxtRecord text) {
      texts.add(Objects.requireNonNull(text, "text"));
      return this;
    }

    /**
     * Adds a virtual record.
     *
     * @param record an {@link AliasRecord}, a {@link UrlRecord} or a host kind
     * @return this builder
     * @throws IllegalArgumentException when its name is not absolute or its TTL is out of range
     */
    public Builder virtualRecord(VirtualRecord record) {
      Objects.requireNonNull(record, "record");
      Arguments.checkAbsolute(record.name(), "virtual record name");
      Arguments.checkTtl(record.ttl(), "TTL of " + record);
      virtualRecords.add(record);
      return this;
    }

    /**
     * Adds virtual records.
     *
     * @param records the records
     * @return this builder
     */
    public Builder virtualRecords(Collection<? extends VirtualRecord> records) {
      records.forEach(this::virtualRecord);
      return this;
    }

    /**
     * Builds the zone.
     *
     * @return the zone
     */
    public HostZone build() {
      return new HostZone(this);
    }
  }
}
