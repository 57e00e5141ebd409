package io.github.secdns.core.diagnostics;

import org.xbill.DNS.Rcode;

/** Small pieces of customer-facing text. */
final class Texts {

  private Texts() {}

  /** Seconds as a customer reads them: "3 hours", "1 day 2 hours", "90 seconds". */
  static String duration(long seconds) {
    if (seconds < 120) {
      return plural(seconds, "second");
    }
    long days = seconds / 86_400;
    long hours = (seconds % 86_400) / 3_600;
    long minutes = (seconds % 3_600) / 60;
    StringBuilder sb = new StringBuilder();
    if (days > 0) {
      sb.append(plural(days, "day"));
    }
    if (hours > 0) {
      sb.append(sb.length() > 0 ? " " : "").append(plural(hours, "hour"));
    }
    if (minutes > 0 && days == 0) {
      sb.append(sb.length() > 0 ? " " : "").append(plural(minutes, "minute"));
    }
    return sb.toString();
  }

  /** A seconds value with its readable form, as in "3600 (1 hour)". */
  static String seconds(long seconds) {
    return seconds + " (" + duration(seconds) + ")";
  }

  static String rcode(int rcode) {
    return Rcode.string(rcode);
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
