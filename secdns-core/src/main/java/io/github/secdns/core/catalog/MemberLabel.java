package io.github.secdns.core.catalog;

import java.util.Locale;
import java.util.Objects;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/**
 * The label of a member node: the {@code <unique-N>} in {@code <unique-N>.zones.$CATZ} (RFC 9432
 * section 4.1). It carries no meaning; consumers use it as the key of the member's state, so a
 * member keeps its label for as long as it is in the catalog.
 *
 * <p>Immutable and thread-safe. The value is kept in lower case: DNS compares labels without regard
 * to case, so {@code "Abc"} and {@code "abc"} name the same node and are the same label here.
 *
 * @param value one DNS label of 1 to 63 letters, digits, hyphens and underscores, lower case
 */
public record MemberLabel(String value) implements Comparable<MemberLabel> {

  /** The longest label DNS allows (RFC 1035 section 2.3.4). */
  public static final int MAX_LENGTH = 63;

  /**
   * Checks the value and brings it to lower case.
   *
   * @throws IllegalArgumentException when the value is empty, longer than 63 characters, or holds
   *     anything but letters, digits, hyphens and underscores; the message says which
   */
  public MemberLabel {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a member label has 1 to " + MAX_LENGTH + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isLabelCharacter(c)) {
        throw new IllegalArgumentException(
            "a member label holds only letters, digits, hyphens and underscores; found the"
                + " character U+"
                + String.format("%04X", (int) c));
      }
    }
    value = value.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the label.
   *
   * @param value see {@link MemberLabel}
   * @return the label
   * @throws IllegalArgumentException as the constructor
   */
  public static MemberLabel of(String value) {
    return new MemberLabel(value);
  }

  /**
   * Returns the member node's name: this label under {@code zones.<catalog>}.
   *
   * @param catalog the catalog zone's name, absolute
   * @return {@code <label>.zones.<catalog>}
   * @throws IllegalArgumentException when the resulting name would be longer than 255 octets
   */
  public Name memberNode(Name catalog) {
    try {
      return Name.concatenate(Name.fromString(value + ".zones"), catalog);
    } catch (TextParseException | NameTooLongException e) {
      throw new IllegalArgumentException(
          "the member node " + value + ".zones." + catalog + " is longer than 255 octets", e);
    }
  }

  /**
   * Tells whether a character may stand in a member label or a zone name of a catalog: letters,
   * digits, hyphens and underscores. Consumers turn member names into file names and configuration,
   * and labels of anything else need escapes in zone files.
   */
  static boolean isLabelCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  // equals and hashCode by hand: a record's generated ones spin classes on first use, on serve's
  // start with a catalog (docs/ARCHITECTURE.md, "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MemberLabel other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Orders labels by their value. */
  @Override
  public int compareTo(MemberLabel other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
