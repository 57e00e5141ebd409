package io.github.secdns.axfr;

import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import java.util.Objects;
import java.util.Optional;

/**
 * Which zones the responder notifies when it starts (the startup fan-out), besides the NOTIFY it
 * always sends for each new serial.
 *
 * <p>A restarted primary does not know whether its secondaries saw the last change before it went
 * down, so BIND notifies every zone at start, at {@code startup-notify-rate}. With 100,000 zones
 * that is a long backlog, so it is a setting here:
 *
 * <ul>
 *   <li>{@link #off()}: nothing at start;
 *   <li>{@link #all()} (the default): every zone's targets, paced per target at the NOTIFY sender's
 *       {@linkplain io.github.secdns.axfr.notify.NotifySender.Builder#backgroundSendsPerSecond
 *       background rate} (BIND's {@code startup-notify-rate});
 *   <li>{@link #unacknowledged(NotifyAcknowledgements)}: only the zone and target pairs whose
 *       current serial the target has not acknowledged, as a store of acknowledgements says; the
 *       responder records every acknowledgement it receives there. Paced the same way.
 * </ul>
 *
 * <p>The fan-out never delays the NOTIFY of a new serial: those go out at once, on their own
 * budget. Immutable and thread-safe.
 */
public final class StartupNotify {

  private static final StartupNotify OFF = new StartupNotify(false, Optional.empty());
  private static final StartupNotify ALL = new StartupNotify(true, Optional.empty());

  private final boolean enabled;
  private final Optional<NotifyAcknowledgements> acknowledgements;

  private StartupNotify(boolean enabled, Optional<NotifyAcknowledgements> acknowledgements) {
    this.enabled = enabled;
    this.acknowledgements = acknowledgements;
  }

  /**
   * No NOTIFY at start.
   *
   * @return the setting
   */
  public static StartupNotify off() {
    return OFF;
  }

  /**
   * A NOTIFY for every zone to each of its targets at start, paced per target.
   *
   * @return the setting
   */
  public static StartupNotify all() {
    return ALL;
  }

  /**
   * A NOTIFY at start only where the target has not acknowledged the zone's current serial, as the
   * store says; every acknowledgement the responder receives is recorded in the store.
   *
   * @param acknowledgements the host's store, or {@link NotifyAcknowledgements#inMemory()}
   * @return the setting
   */
  public static StartupNotify unacknowledged(NotifyAcknowledgements acknowledgements) {
    return new StartupNotify(true, Optional.of(Objects.requireNonNull(acknowledgements, "store")));
  }

  /**
   * Tells whether anything is sent at start.
   *
   * @return false for {@link #off()}
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Returns the store of acknowledgements the fan-out is filtered by.
   *
   * @return the store, for {@link #unacknowledged}
   */
  public Optional<NotifyAcknowledgements> acknowledgements() {
    return acknowledgements;
  }

  @Override
  public String toString() {
    return !enabled
        ? "StartupNotify[off]"
        : acknowledgements.isEmpty() ? "StartupNotify[all]" : "StartupNotify[unacknowledged]";
  }
}
