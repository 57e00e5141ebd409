package io.github.secdns.axfr.internal;

/** Sizes of the fixed parts of a DNS message, used to reserve room before filling a message. */
public final class WireSizes {

  /** The DNS header. */
  public static final int HEADER = 12;

  /** The largest DNS message over TCP (the 2-octet length prefix, RFC 1035 section 4.2.2). */
  public static final int MAX_MESSAGE = 65535;

  /** The largest offset a compression pointer can reach (14 bits). */
  public static final int MAX_POINTER = 0x3FFF;

  /** An OPT record without options: root owner (1) + type, class, TTL, RDLENGTH (10). */
  public static final int OPT_WITHOUT_OPTIONS = 11;

  /**
   * Room kept free in every transfer message for a TSIG record added later (per client), sized for
   * the worst case: hmac-sha512 under a 255-octet key name. Owner name 255, type/class/TTL/
   * RDLENGTH 10, algorithm name "hmac-sha512." 13, time 6, fudge 2, MAC size 2, MAC 64, original ID
   * 2, error 2, other length 2, other data 6 (BADTIME server time).
   */
  public static final int TSIG_RESERVE = 255 + 10 + 13 + 6 + 2 + 2 + 64 + 2 + 2 + 2 + 6;

  /** The default target size of a transfer message (Knot's 16 KiB; pointers reach 16383). */
  public static final int DEFAULT_TARGET_MESSAGE_SIZE = 16 * 1024;

  /** The smallest target message size accepted; smaller gives absurd message counts. */
  public static final int MIN_TARGET_MESSAGE_SIZE = 512;

  private WireSizes() {}
}
