package io.github.secdns.core.catalog;

import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * Everything {@link CatalogProducer#produce} needs for one version of a catalog zone: the catalog's
 * name, its members with their labels, the version currently served, and the host's choices (SOA
 * timers, serial policy, removal brake and confirmation).
 *
 * <p>Immutable and thread-safe. The values are checked by {@link CatalogProducer#produce}, which
 * reports every problem at once.
 */
public final class CatalogRequest {

  private final Name catalog;
  private final List<CatalogMember> members;
  private final Optional<ZoneSnapshot> previous;
  private final CatalogSoaTimers soaTimers;
  private final SerialPolicy serialPolicy;
  private final SerialNumber hostSerial;
  private final RemovalBrake removalBrake;
  private final Optional<RemovalConfirmation> removalConfirmation;

  private CatalogRequest(Builder b) {
    this.catalog = b.catalog;
    this.members = List.copyOf(b.members);
    this.previous = Optional.ofNullable(b.previous);
    this.soaTimers = b.soaTimers;
    this.serialPolicy = b.serialPolicy;
    this.hostSerial = b.hostSerial;
    this.removalBrake = b.removalBrake;
    this.removalConfirmation = Optional.ofNullable(b.removalConfirmation);
  }

  /**
   * Starts a request for a catalog: no members, no previous version, RFC 9432's SOA timers, the
   * {@link SerialPolicy#UNIX_TIME} serial policy, host serial 1, the default brake (10 %), no
   * confirmation.
   *
   * @param catalog the catalog zone's name, absolute (RFC 9432 section 6 recommends a name the host
   *     owns, or one under {@code invalid.})
   * @return a builder
   */
  public static Builder builder(Name catalog) {
    return new Builder(catalog);
  }

  /**
   * Returns the catalog zone's name.
   *
   * @return the name as given
   */
  public Name catalog() {
    return catalog;
  }

  /**
   * Returns the members, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<CatalogMember> members() {
    return members;
  }

  /**
   * Returns the version currently served, which the new one must follow.
   *
   * @return the previous version, or empty for the first one
   */
  public Optional<ZoneSnapshot> previous() {
    return previous;
  }

  /**
   * Returns the SOA timers.
   *
   * @return the timers
   */
  public CatalogSoaTimers soaTimers() {
    return soaTimers;
  }

  /**
   * Returns how the serial of a changed version is chosen.
   *
   * @return the policy
   */
  public SerialPolicy serialPolicy() {
    return serialPolicy;
  }

  /**
   * Returns the host's serial: the serial itself under {@link SerialPolicy#KEEP_HOST}, the first
   * serial under {@link SerialPolicy#INCREMENT}.
   *
   * @return the serial
   */
  public SerialNumber hostSerial() {
    return hostSerial;
  }

  /**
   * Returns the brake on large removals.
   *
   * @return the brake
   */
  public RemovalBrake removalBrake() {
    return removalBrake;
  }

  /**
   * Returns the host's confirmation of a removal past the brake.
   *
   * @return the confirmation, or empty when none is given
   */
  public Optional<RemovalConfirmation> removalConfirmation() {
    return removalConfirmation;
  }

  @Override
  public String toString() {
    return "CatalogRequest[catalog="
        + catalog
        + ", members="
        + members.size()
        + ", previousSerial="
        + previous.map(p -> p.serial().toString()).orElse("none")
        + ", serialPolicy="
        + serialPolicy
        + ", brake="
        + removalBrake.maxRemovedPercent()
        + " %]";
  }

  /** Collects a {@link CatalogRequest}. Not thread-safe; it can be built several times. */
  public static final class Builder {
    private final Name catalog;
    private final List<CatalogMember> members = new ArrayList<>();
    @Nullable private ZoneSnapshot previous;
    private CatalogSoaTimers soaTimers = CatalogSoaTimers.DEFAULT;
    private SerialPolicy serialPolicy = SerialPolicy.UNIX_TIME;
    private SerialNumber hostSerial = SerialNumber.of(1);
    private RemovalBrake removalBrake = RemovalBrake.DEFAULT;
    @Nullable private RemovalConfirmation removalConfirmation;

    private Builder(Name catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Adds a member.
     *
     * @param member the member
     * @return this builder
     */
    public Builder addMember(CatalogMember member) {
      members.add(Objects.requireNonNull(member, "member"));
      return this;
    }

    /**
     * Adds members.
     *
     * @param more the members
     * @return this builder
     */
    public Builder addMembers(Collection<CatalogMember> more) {
      more.forEach(this::addMember);
      return this;
    }

    /**
     * Sets the version currently served. Without it the version is a first one: no removal brake,
     * and the serial is the policy's without regard to what consumers hold.
     *
     * @param version the catalog zone as served now
     * @return this builder
     */
    public Builder previous(ZoneSnapshot version) {
      this.previous = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the SOA timers.
     *
     * @param timers the timers ({@link CatalogSoaTimers#DEFAULT} by default)
     * @return this builder
     */
    public Builder soaTimers(CatalogSoaTimers timers) {
      this.soaTimers = Objects.requireNonNull(timers, "timers");
      return this;
    }

    /**
     * Sets how the serial of a changed version is chosen.
     *
     * @param policy the policy ({@link SerialPolicy#UNIX_TIME} by default)
     * @return this builder
     */
    public Builder serialPolicy(SerialPolicy policy) {
      this.serialPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the host's serial, used by {@link SerialPolicy#KEEP_HOST} (refused unless greater than
     * the previous serial when the content changed) and as the first serial by {@link
     * SerialPolicy#INCREMENT}.
     *
     * @param serial the serial (1 by default)
     * @return this builder
     */
    public Builder hostSerial(SerialNumber serial) {
      this.hostSerial = Objects.requireNonNull(serial, "serial");
      return this;
    }

    /**
     * Sets the brake on large removals.
     *
     * @param brake the brake ({@link RemovalBrake#DEFAULT} by default)
     * @return this builder
     */
    public Builder removalBrake(RemovalBrake brake) {
      this.removalBrake = Objects.requireNonNull(brake, "brake");
      return this;
    }

    /**
     * Confirms one removal past the brake. It lets the version through only when it removes exactly
     * the members the confirmation was made for.
     *
     * @param confirmation the confirmation from {@link RemovalHeldBackException#confirmation()} or
     *     {@link RemovalConfirmation#forRemoval}
     * @return this builder
     */
    public Builder confirmRemoval(RemovalConfirmation confirmation) {
      this.removalConfirmation = Objects.requireNonNull(confirmation, "confirmation");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public CatalogRequest build() {
      return new CatalogRequest(this);
    }
  }
}
