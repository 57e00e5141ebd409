package io.github.secdns.jdbc.internal;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Turns a zone's journal rows ({@link HistoryEntry#toBytes()}, CRC32C) into history entries,
 * distrustfully: one row that fails its checksum, cannot be decoded or breaks the serial chain, or
 * a chain that does not end at the current version, drops the whole history (the zone is then
 * transferred in full, never by a wrong increment) and says why.
 */
public final class JournalCheck {

  /**
   * One stored row, as read.
   *
   * @param position the row's feed position (its order in the journal)
   * @param fromSerial the serial column the delta starts at
   * @param toSerial the serial column the delta ends at
   * @param stored the stored entry
   */
  // The stored octets as read; a Row is checked, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  public record Row(long position, long fromSerial, long toSerial, byte[] stored) {}

  /**
   * The outcome: the entries, or none and the warning that explains why.
   *
   * @param entries the entries, oldest first; empty when the journal was dropped or is empty
   * @param warning why the journal was dropped, if it was
   */
  public record Result(List<HistoryEntry> entries, Optional<StoreWarning> warning) {}

  private JournalCheck() {}

  /**
   * Checks a zone's rows.
   *
   * @param zone the zone
   * @param rows the rows, oldest first
   * @param current the serial of the current version the newest entry must end at; empty when the
   *     journal stands alone (no stored version to compare with)
   * @return the entries, or none and a warning
   */
  public static Result check(Name zone, List<Row> rows, Optional<SerialNumber> current) {
    List<HistoryEntry> entries = new ArrayList<>(rows.size());
    HistoryEntry previous = null;
    for (Row row : rows) {
      HistoryEntry entry;
      try {
        entry = HistoryEntry.fromBytes(row.stored());
      } catch (ZoneFormatException e) {
        return dropped(
            zone,
            e.checksumMismatch()
                ? StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH
                : StoreWarning.Code.JOURNAL_UNDECODABLE,
            "journal row at position " + row.position() + " " + e.getMessage());
      }
      long from = entry.delta().fromSerial().value();
      long to = entry.delta().toSerial().value();
      if (from != row.fromSerial() || to != row.toSerial()) {
        return dropped(
            zone,
            StoreWarning.Code.JOURNAL_CHAIN_BROKEN,
            "journal row at position "
                + row.position()
                + " says "
                + row.fromSerial()
                + " -> "
                + row.toSerial()
                + " but holds the delta "
                + from
                + " -> "
                + to);
      }
      if (!entry.delta().newSoa().getName().equals(zone)) {
        return dropped(
            zone,
            StoreWarning.Code.JOURNAL_CHAIN_BROKEN,
            "journal row at position "
                + row.position()
                + " holds a delta of "
                + entry.delta().newSoa().getName());
      }
      if (previous != null && !previous.delta().toSerial().equals(entry.delta().fromSerial())) {
        return dropped(
            zone,
            StoreWarning.Code.JOURNAL_CHAIN_BROKEN,
            "journal row at position "
                + row.position()
                + " starts at serial "
                + from
                + " but the entry before it ends at "
                + previous.delta().toSerial());
      }
      entries.add(entry);
      previous = entry;
    }
    if (previous != null
        && current.isPresent()
        && !previous.delta().toSerial().equals(current.get())) {
      return dropped(
          zone,
          StoreWarning.Code.JOURNAL_NOT_AT_CURRENT_VERSION,
          "the newest journal entry ends at serial "
              + previous.delta().toSerial()
              + ", not at the current serial "
              + current.get());
    }
    return new Result(entries, Optional.empty());
  }

  private static Result dropped(Name zone, StoreWarning.Code code, String why) {
    return new Result(
        List.of(),
        Optional.of(
            new StoreWarning(
                zone,
                code,
                "zone "
                    + zone
                    + ": "
                    + why
                    + "; its IXFR history is dropped and secondaries get full transfers")));
  }
}
