package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The SOA and apex NS settings of the exported zone, as secondaries should see them: MNAME is the
 * transfer host (where secondaries pull from), RNAME and the timers are the host's.
 *
 * <p>Immutable and thread-safe. {@link #builder} starts from DNSimple's published values: refresh
 * 86400, retry 7200, expire 604800, minimum 300, SOA and NS TTL 3600.
 *
 * @param mname the SOA MNAME: the transfer host, absolute
 * @param rname the SOA RNAME: the responsible mailbox, absolute
 * @param refresh the SOA REFRESH timer in seconds, an unsigned 32-bit value
 * @param retry the SOA RETRY timer in seconds, an unsigned 32-bit value
 * @param expire the SOA EXPIRE timer in seconds, an unsigned 32-bit value
 * @param minimum the SOA MINIMUM field (negative-caching TTL, RFC 2308), an unsigned 32-bit value
 * @param soaTtl the TTL of the SOA record, {@code 0 <= soaTtl <= 2147483647}
 * @param nsTtl the TTL of the apex NS records, {@code 0 <= nsTtl <= 2147483647}
 */
public record SoaSettings(
    Name mname,
    Name rname,
    long refresh,
    long retry,
    long expire,
    long minimum,
    long soaTtl,
    long nsTtl) {

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException when a name is not absolute or a number is out of range
   */
  public SoaSettings {
    Arguments.checkAbsolute(mname, "SOA MNAME");
    Arguments.checkAbsolute(rname, "SOA RNAME");
    timer(refresh, "SOA REFRESH");
    timer(retry, "SOA RETRY");
    timer(expire, "SOA EXPIRE");
    timer(minimum, "SOA MINIMUM");
    Arguments.checkTtl(soaTtl, "SOA TTL");
    Arguments.checkTtl(nsTtl, "apex NS TTL");
  }

  /**
   * Starts settings with DNSimple's default timers and TTLs.
   *
   * @param mname the transfer host, for example {@code axfr.example-host.net.}
   * @param rname the host's responsible mailbox, for example {@code hostmaster.example-host.net.}
   * @return a builder
   */
  public static Builder builder(Name mname, Name rname) {
    return new Builder(mname, rname);
  }

  /**
   * Takes RNAME, timers and TTL from the host's own SOA and only replaces MNAME by the transfer
   * host. The apex NS TTL is the SOA's TTL.
   *
   * @param mname the transfer host
   * @param hostSoa the SOA the host stores for the zone
   * @return the settings
   */
  public static SoaSettings fromHostSoa(Name mname, SOARecord hostSoa) {
    return new SoaSettings(
        mname,
        hostSoa.getAdmin(),
        hostSoa.getRefresh(),
        hostSoa.getRetry(),
        hostSoa.getExpire(),
        hostSoa.getMinimum(),
        hostSoa.getTTL(),
        hostSoa.getTTL());
  }

  private static void timer(long seconds, String what) {
    if (seconds < 0 || seconds > SerialNumber.MAX_VALUE) {
      throw new IllegalArgumentException(
          what + " must be an unsigned 32-bit number of seconds, was " + seconds);
    }
  }

  /**
   * Builds {@link SoaSettings}; every value checked when {@link #build()} runs. Not thread-safe.
   */
  public static final class Builder {
    private final Name mname;
    private final Name rname;
    private long refresh = 86400;
    private long retry = 7200;
    private long expire = 604800;
    private long minimum = 300;
    private long soaTtl = 3600;
    private long nsTtl = 3600;

    private Builder(Name mname, Name rname) {
      this.mname = mname;
      this.rname = rname;
    }

    /**
     * Sets the REFRESH timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder refresh(long seconds) {
      this.refresh = seconds;
      return this;
    }

    /**
     * Sets the RETRY timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder retry(long seconds) {
      this.retry = seconds;
      return this;
    }

    /**
     * Sets the EXPIRE timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder expire(long seconds) {
      this.expire = seconds;
      return this;
    }

    /**
     * Sets the MINIMUM field.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder minimum(long seconds) {
      this.minimum = seconds;
      return this;
    }

    /**
     * Sets the TTL of the SOA record.
     *
     * @param seconds {@code 0 <= seconds <= 2147483647}
     * @return this builder
     */
    public Builder soaTtl(long seconds) {
      this.soaTtl = seconds;
      return this;
    }

    /**
     * Sets the TTL of the apex NS records.
     *
     * @param seconds {@code 0 <= seconds <= 2147483647}
     * @return this builder
     */
    public Builder nsTtl(long seconds) {
      this.nsTtl = seconds;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException when a name is not absolute or a number is out of range
     */
    public SoaSettings build() {
      return new SoaSettings(mname, rname, refresh, retry, expire, minimum, soaTtl, nsTtl);
    }
  }
}
