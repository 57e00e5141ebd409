package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * What became of one NOTIFY to one target: acknowledged, rejected with an RCODE, or unanswered
 * after every try. Hosts store it to show a "last NOTIFY" status; the diagnostics engine reads it.
 *
 * <p>This is the sender's event; the diagnostics engine reads the smaller fact {@link
 * io.github.secdns.core.diagnostics.NotifyOutcome}, which {@link #toDiagnostics} converts to (the
 * one place where the two layers meet).
 *
 * <p>Immutable and thread-safe. Carries no secret: a signed NOTIFY's target shows only its key
 * name.
 */
public sealed interface NotifyOutcome
    permits NotifyOutcome.Acknowledged,
        NotifyOutcome.Rejected,
        NotifyOutcome.Unanswered,
        NotifyOutcome.Superseded {

  /**
   * Returns the zone the NOTIFY was about.
   *
   * @return the zone's origin
   */
  Name zone();

  /**
   * Returns the serial the NOTIFY announced.
   *
   * @return the serial of the SOA in the NOTIFY
   */
  SerialNumber serial();

  /**
   * Returns the target the NOTIFY went to.
   *
   * @return the target
   */
  NotifyTarget target();

  /**
   * Returns how many times the NOTIFY was sent.
   *
   * @return at least 1, except for {@link Superseded}, which may be 0
   */
  int attempts();

  /**
   * Returns this outcome as the diagnostics engine reads it: the target, the RCODE of its answer
   * (for a TSIG refusal, the TSIG error), or no RCODE when it never answered.
   *
   * @param at when the outcome was recorded
   * @return the diagnostics fact; empty for {@link Superseded}, which says nothing about the target
   *     (the outcome of the newer NOTIFY does)
   */
  default Optional<io.github.secdns.core.diagnostics.NotifyOutcome> toDiagnostics(Instant at) {
    Objects.requireNonNull(at, "at");
    java.net.InetAddress address = target().address();
    int port = target().port();
    if (this instanceof Acknowledged a) {
      return Optional.of(
          io.github.secdns.core.diagnostics.NotifyOutcome.answered(address, port, a.rcode(), at));
    }
    if (this instanceof Rejected r) {
      return Optional.of(
          io.github.secdns.core.diagnostics.NotifyOutcome.answered(address, port, r.rcode(), at));
    }
    if (this instanceof Unanswered) {
      return Optional.of(
          io.github.secdns.core.diagnostics.NotifyOutcome.unanswered(address, port, at));
    }
    return Optional.empty();
  }

  /** The null checks of the components every outcome has. */
  private static void requireCommon(Name zone, SerialNumber serial, NotifyTarget target) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(target, "target");
  }

  /** The text of an outcome with an answer: kind, zone, serial, target, tries and RCODE. */
  private static String answered(String kind, NotifyOutcome outcome, int rcode) {
    return line(kind, outcome, "by", Rcode.string(rcode));
  }

  /** One shape for every outcome: {@code Kind[zone serial by|to target after N tries, end]}. */
  private static String line(String kind, NotifyOutcome outcome, String byOrTo, String end) {
    return kind
        + "["
        + outcome.zone()
        + " "
        + outcome.serial()
        + " "
        + byOrTo
        + " "
        + outcome.target()
        + " after "
        + outcome.attempts()
        + " tries, "
        + end
        + "]";
  }

  /**
   * The target answered NOERROR, or NOTIMP (it does not support NOTIFY and relies on polling, RFC
   * 1996 section 4.8): no more tries.
   *
   * @param zone the zone
   * @param serial the announced serial
   * @param target the target
   * @param attempts how many times the NOTIFY was sent
   * @param rcode {@link Rcode#NOERROR} or {@link Rcode#NOTIMP}
   */
  record Acknowledged(Name zone, SerialNumber serial, NotifyTarget target, int attempts, int rcode)
      implements NotifyOutcome {
    /** Checks for nulls. */
    public Acknowledged {
      requireCommon(zone, serial, target);
    }

    @Override
    public String toString() {
      return answered("Acknowledged", this, rcode);
    }
  }

  /**
   * The target answered with another RCODE (for example REFUSED or NOTAUTH: it does not know this
   * primary, or the key): no more tries.
   *
   * @param zone the zone
   * @param serial the announced serial
   * @param target the target
   * @param attempts how many times the NOTIFY was sent
   * @param rcode the RCODE of the answer, or for a TSIG refusal the TSIG error ({@link
   *     Rcode#BADKEY}, {@link Rcode#BADSIG}, {@link Rcode#BADTIME})
   */
  record Rejected(Name zone, SerialNumber serial, NotifyTarget target, int attempts, int rcode)
      implements NotifyOutcome {
    /** Checks for nulls. */
    public Rejected {
      requireCommon(zone, serial, target);
    }

    @Override
    public String toString() {
      return answered("Rejected", this, rcode);
    }
  }

  /**
   * No matching answer came back after the configured number of tries.
   *
   * @param zone the zone
   * @param serial the announced serial
   * @param target the target
   * @param attempts how many times the NOTIFY was sent
   */
  record Unanswered(Name zone, SerialNumber serial, NotifyTarget target, int attempts)
      implements NotifyOutcome {
    /** Checks for nulls. */
    public Unanswered {
      requireCommon(zone, serial, target);
    }

    @Override
    public String toString() {
      return line("Unanswered", this, "to", "no answer");
    }
  }

  /**
   * A newer NOTIFY for the same zone and target replaced this one before it was answered (RFC 1996
   * section 4.4: the secondary needs only the newest); its outcome comes with that NOTIFY.
   *
   * @param zone the zone
   * @param serial the serial this NOTIFY announced
   * @param target the target
   * @param attempts how many times it was sent before being replaced, possibly 0
   * @param newerSerial the serial of the NOTIFY that replaced it
   */
  record Superseded(
      Name zone, SerialNumber serial, NotifyTarget target, int attempts, SerialNumber newerSerial)
      implements NotifyOutcome {
    /** Checks for nulls. */
    public Superseded {
      requireCommon(zone, serial, target);
      Objects.requireNonNull(newerSerial, "newerSerial");
    }

    @Override
    public String toString() {
      return line("Superseded", this, "to", "replaced by serial " + newerSerial);
    }
  }
}
