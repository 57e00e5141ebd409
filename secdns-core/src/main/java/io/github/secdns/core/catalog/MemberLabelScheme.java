package io.github.secdns.core.catalog;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.xbill.DNS.Name;

/**
 * How a new member's label is chosen: the first {@link #length()} characters of the base32 form
 * (RFC 4648 alphabet, lower case, no padding) of the SHA-256 digest of the member's name in
 * lower-case, uncompressed wire form.
 *
 * <p>Why a hash of the name: the label is stable without any coordination. Two hosts, two nodes on
 * one database, or a host that lost its label store all derive the same label for the same member,
 * so consumers keep their state for it (a changed label makes them delete and re-add the zone, RFC
 * 9432 section 5.4). Why base32: it is the densest encoding whose characters are all valid in a
 * host-name label and compare the same in any letter case (RFC 9432's own example uses such
 * labels). Why 16 characters (80 bits) by default: with a million members the chance that any two
 * collide is below 10<sup>-12</sup>, and a member node of a 100,000-member catalog stays short.
 *
 * <p>Collision rule: when the label of attempt 0 is already taken by another member of the same
 * catalog, attempt 1, 2, ... hash the wire form followed by the attempt number as a 4-octet
 * big-endian integer, and the first free label wins. {@link MemberLabels} assigns new members in
 * canonical name order, so the outcome does not depend on the order members were given in.
 *
 * <p>Immutable and thread-safe.
 */
public final class MemberLabelScheme {

  /** The default label length in base32 characters (80 bits). */
  public static final int DEFAULT_LENGTH = 16;

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int MAX_LENGTH = 51; // 256 bits of SHA-256 give 51 full base32 characters

  private static final MemberLabelScheme STANDARD = new MemberLabelScheme(DEFAULT_LENGTH);

  private final int length;

  private MemberLabelScheme(int length) {
    this.length = length;
  }

  /**
   * Returns the standard scheme: 16 base32 characters.
   *
   * @return the scheme
   */
  public static MemberLabelScheme standard() {
    return STANDARD;
  }

  /**
   * Returns a scheme with labels of another length. Shorter labels make a smaller catalog and more
   * collisions; tests use very short ones to exercise the collision rule.
   *
   * @param length the number of base32 characters, 1 to 51
   * @return the scheme
   * @throws IllegalArgumentException when the length is out of range
   */
  public static MemberLabelScheme ofLength(int length) {
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a label length is 1 to " + MAX_LENGTH + " base32 characters, was " + length);
    }
    return length == DEFAULT_LENGTH ? STANDARD : new MemberLabelScheme(length);
  }

  /**
   * Returns the label length.
   *
   * @return the number of base32 characters in each label
   */
  public int length() {
    return length;
  }

  /**
   * Returns the label a member gets on a given attempt.
   *
   * @param member the member zone, absolute; letter case does not matter
   * @param attempt 0 for the first choice, then 1, 2, ... after collisions
   * @return the candidate label
   * @throws IllegalArgumentException when the name is relative or the attempt negative
   */
  public MemberLabel candidate(Name member, int attempt) {
    if (!member.isAbsolute()) {
      throw new IllegalArgumentException("a member zone name must be absolute: " + member);
    }
    if (attempt < 0) {
      throw new IllegalArgumentException("the attempt must be 0 or more, was " + attempt);
    }
    MessageDigest sha256 = sha256();
    sha256.update(member.canonicalize().toWireCanonical());
    if (attempt > 0) {
      sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(attempt).array());
    }
    return new MemberLabel(base32(sha256.digest(), length));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The first {@code characters} base32 characters of the bytes, most significant bit first; past
   * the last byte the bits are zero (RFC 4648 section 6).
   */
  static String base32(byte[] bytes, int characters) {
    StringBuilder sb = new StringBuilder(characters);
    int buffer = 0;
    int bits = 0;
    int next = 0;
    while (sb.length() < characters) {
      if (bits < 5) {
        buffer = (buffer << 8) | (next < bytes.length ? bytes[next++] & 0xFF : 0);
        bits += 8;
      }
      sb.append(BASE32[(buffer >>> (bits - 5)) & 0x1F]);
      bits -= 5;
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "MemberLabelScheme[base32(sha256(wire name)), " + length + " characters]";
  }
}
