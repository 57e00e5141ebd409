package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Objects;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The SOA and apex NS settings of the exported zone, as secondaries should see them: MNAME is the
 * transfer host (where secondaries pull from), RNAME and the timers are the host's.
 *
 * <p>Immutable and thread-safe. The defaults are DNSimple's published values: refresh 86400,
 * retry 7200, expire 604800, minimum 300, SOA and NS TTL 3600.
 */
public final class SoaSettings {

  private final Name mname;
  private final Name rname;
  private final long refresh;
  private final long retry;
  private final long expire;
  private final long minimum;
  private final long soaTtl;
  private final long nsTtl;

  private SoaSettings(Builder b) {
    this.mname = b.mname;
    this.rname = b.rname;
    this.refresh = b.refresh;
    this.retry = b.retry;
    this.expire = b.expire;
    this.minimum = b.minimum;
    this.soaTtl = b.soaTtl;
    this.nsTtl = b.nsTtl;
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
    return builder(mname, hostSoa.getAdmin())
        .refresh(hostSoa.getRefresh())
        .retry(hostSoa.getRetry())
        .expire(hostSoa.getExpire())
        .minimum(hostSoa.getMinimum())
        .soaTtl(hostSoa.getTTL())
        .nsTtl(hostSoa.getTTL())
        .build();
  }

  /**
   * Returns the SOA MNAME: the transfer host.
   *
   * @return an absolute name
   */
  public Name mname() {
    return mname;
  }

  /**
   * Returns the SOA RNAME: the responsible mailbox.
   *
   * @return an absolute name
   */
  public Name rname() {
    return rname;
  }

  /**
   * Returns the SOA REFRESH timer.
   *
   * @return seconds
   */
  public long refresh() {
    return refresh;
  }

  /**
   * Returns the SOA RETRY timer.
   *
   * @return seconds
   */
  public long retry() {
    return retry;
  }

  /**
   * Returns the SOA EXPIRE timer.
   *
   * @return seconds
   */
  public long expire() {
    return expire;
  }

  /**
   * Returns the SOA MINIMUM field (the negative-caching TTL, RFC 2308).
   *
   * @return seconds
   */
  public long minimum() {
    return minimum;
  }

  /**
   * Returns the TTL of the SOA record.
   *
   * @return seconds
   */
  public long soaTtl() {
    return soaTtl;
  }

  /**
   * Returns the TTL of the apex NS records.
   *
   * @return seconds
   */
  public long nsTtl() {
    return nsTtl;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SoaSettings)) {
      return false;
    }
    SoaSettings s = (SoaSettings) o;
    return mname.equals(s.mname) && rname.equals(s.rname) && refresh == s.refresh
        && retry == s.retry && expire == s.expire && minimum == s.minimum
        && soaTtl == s.soaTtl && nsTtl == s.nsTtl;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mname, rname, refresh, retry, expire, minimum, soaTtl, nsTtl);
  }

  @Override
  public String toString() {
    return "SoaSettings[" + mname + " " + rname + " " + refresh + " " + retry + " " + expire + " "
        + minimum + ", soaTtl=" + soaTtl + ", nsTtl=" + nsTtl + "]";
  }

  /** Builds {@link SoaSettings}. Not thread-safe. */
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
      this.mname = Ttls.checkAbsolute(mname, "SOA MNAME");
      this.rname = Ttls.checkAbsolute(rname, "SOA RNAME");
    }

    /**
     * Sets the REFRESH timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder refresh(long seconds) {
      this.refresh = timer(seconds, "SOA REFRESH");
      return this;
    }

    /**
     * Sets the RETRY timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder retry(long seconds) {
      this.retry = timer(seconds, "SOA RETRY");
      return this;
    }

    /**
     * Sets the EXPIRE timer.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder expire(long seconds) {
      this.expire = timer(seconds, "SOA EXPIRE");
      return this;
    }

    /**
     * Sets the MINIMUM field.
     *
     * @param seconds an unsigned 32-bit value
     * @return this builder
     */
    public Builder minimum(long seconds) {
      this.minimum = timer(seconds, "SOA MINIMUM");
      return this;
    }

    /**
     * Sets the TTL of the SOA record.
     *
     * @param seconds {@code 0 <= seconds <= 2147483647}
     * @return this builder
     */
    public Builder soaTtl(long seconds) {
      this.soaTtl = Ttls.checkTtl(seconds, "SOA TTL");
      return this;
    }

    /**
     * Sets the TTL of the apex NS records.
     *
     * @param seconds {@code 0 <= seconds <= 2147483647}
     * @return this builder
     */
    public Builder nsTtl(long seconds) {
      this.nsTtl = Ttls.checkTtl(seconds, "apex NS TTL");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public SoaSettings build() {
      return new SoaSettings(this);
    }

    private static long timer(long seconds, String what) {
      if (seconds < 0 || seconds > SerialNumber.MAX_VALUE) {
        throw new IllegalArgumentException(
            what + " must be an unsigned 32-bit number of seconds, was " + seconds);
      }
      return seconds;
    }
  }
}
