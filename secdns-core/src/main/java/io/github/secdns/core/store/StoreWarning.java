package io.github.secdns.core.store;

import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * Something wrong that a store found while loading a zone and worked around safely: a journal it
 * could not trust (the zone then has no IXFR history and secondaries get full transfers, never a
 * wrong increment), or a version it could not read. The host logs it; the message names the zone
 * and the row, never a secret.
 *
 * @param zone the zone concerned
 * @param code what was wrong
 * @param message a one-line explanation for the log
 */
public record StoreWarning(Name zone, Code code, String message) {

  /** What was wrong. */
  public enum Code {
    /** A journal entry's checksum does not match its bytes. The history is dropped. */
    JOURNAL_CHECKSUM_MISMATCH,
    /** A journal entry cannot be decoded. The history is dropped. */
    JOURNAL_UNDECODABLE,
    /**
     * The journal's serials do not form a chain (an entry does not start where the one before it
     * ends, or its serials disagree with its content). The history is dropped.
     */
    JOURNAL_CHAIN_BROKEN,
    /** The newest journal entry does not end at the current version. The history is dropped. */
    JOURNAL_NOT_AT_CURRENT_VERSION,
    /** The current version itself cannot be read; the zone is not loaded. */
    VERSION_UNREADABLE
  }

  /** Checks for nulls. */
  public StoreWarning {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
