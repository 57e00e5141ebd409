package io.github.secdns.core.catalog;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * The host's confirmation that it means to remove one exact set of members from a catalog, past the
 * {@link RemovalBrake}. It is a short token derived from the catalog's name and the removed
 * members' names: {@code <count>-<16 base32 characters>}. A confirmation applies only to the
 * removal set it was made for, so a confirmation given for "these 37 zones" never lets a different
 * or larger removal through.
 *
 * <p>Where it comes from: a held-back version's {@link RemovalHeldBackException#confirmation()}
 * names it, so a host can show it to an operator, who passes it back (a command-line argument, a
 * button); or a host that knows what it removes computes it with {@link #forRemoval}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param token the token
 */
public record RemovalConfirmation(String token) {

  private static final int HASH_CHARACTERS = 16;

  /**
   * Checks the token.
   *
   * @throws IllegalArgumentException when it is blank
   */
  public RemovalConfirmation {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("a removal confirmation token must not be blank");
    }
    token = token.strip();
  }

  /**
   * Returns the confirmation for removing exactly these members from the catalog.
   *
   * @param catalog the catalog zone's name, absolute
   * @param removed the member zones removed, absolute; order, letter case and duplicates do not
   *     matter
   * @return the confirmation
   * @throws IllegalArgumentException when a name is relative
   */
  public static RemovalConfirmation forRemoval(Name catalog, Collection<Name> removed) {
    TreeSet<Name> sorted = new TreeSet<>();
    for (Name n : removed) {
      sorted.add(absolute(n).canonicalize());
    }
    MessageDigest sha256 = MemberLabelScheme.sha256();
    // Wire forms are self-delimiting (length-prefixed labels ending in the root), so the
    // concatenation identifies the catalog and the set.
    sha256.update(absolute(catalog).toWireCanonical());
    for (Name n : sorted) {
      sha256.update(n.toWireCanonical());
    }
    return new RemovalConfirmation(
        sorted.size() + "-" + MemberLabelScheme.base32(sha256.digest(), HASH_CHARACTERS));
  }

  private static Name absolute(Name name) {
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("the name must be absolute: " + name);
    }
    return name;
  }

  @Override
  public String toString() {
    return token;
  }
}
