package io.github.secdns.core.export;

import java.util.Objects;
import org.xbill.DNS.Name;

/** Argument checks shared by the export model: TTL ranges and absolute names. */
final class Arguments {

  /** RFC 2181 section 8: a TTL is an unsigned 31-bit value. */
  static final long MAX_TTL = 0x7FFF_FFFFL;

  private Arguments() {}

  static long checkTtl(long ttl, String what) {
    if (ttl < 0 || ttl > MAX_TTL) {
      throw new IllegalArgumentException(
          what + " must be between 0 and " + MAX_TTL + " seconds (RFC 2181 section 8), was " + ttl);
    }
    return ttl;
  }

  static Name checkAbsolute(Name name, String what) {
    Objects.requireNonNull(name, what);
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be an absolute name: " + name);
    }
    return name;
  }
}
