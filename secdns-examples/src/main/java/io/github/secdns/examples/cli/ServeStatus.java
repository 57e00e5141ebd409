package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.examples.cli.SharedNames.SharedName;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * What {@code serve} knows about each zone, for the status lines an operator asks for: the serial
 * served and since when, the last transfer (or refusal, or failure) per client address, and the
 * last NOTIFY outcome per target. Fed from the responder's {@link TransferListener} and NOTIFY
 * listener events and from the zone watcher's publishes; nothing is asked of the responder.
 *
 * <p>Bounded: per zone at most {@value #MAX_CLIENTS} clients and {@value #MAX_TARGETS} NOTIFY
 * targets are kept (the least recently seen are dropped and counted). A periodic status prints a
 * summary line and only the zones that changed since the previous one, at most {@value
 * #MAX_ZONE_LINES} of them; the on-demand status prints every zone up to that bound.
 *
 * <p>Thread-safe: the responder's I/O thread, the NOTIFY sender's threads, the watcher and the
 * standard-input reader call it concurrently; each zone's state is guarded by its own lock, and the
 * listener methods only update a few fields.
 */
final class ServeStatus {

  static final int MAX_CLIENTS = 8;
  static final int MAX_TARGETS = 8;
  static final int MAX_ZONE_LINES = 1000;
  static final int MAX_SHARED_NAMES = 1024;

  private static final Comparator<Map.Entry<Name, ServeZoneState>> BY_ZONE =
      Map.Entry.comparingByKey();

  private final Clock clock;
  // Unsorted: the lines shown are put in DNS canonical order when asked for (at most
  // MAX_ZONE_LINES of them), not kept sorted at every change (a sorted map compared names at each
  // of 100,000 zones' start and serial).
  private final ServeZones zones;
  private final SharedNames names = new SharedNames(MAX_SHARED_NAMES);
  private final ConcurrentHashMap<InetAddress, SharedName> clientNames = new ConcurrentHashMap<>();
  private final AtomicLong transfers = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong notifyProblems = new AtomicLong();

  /**
   * @param clock the time events are stamped with
   * @param zones the zones served, whose states hold their status; events about other zones are
   *     only counted
   */
  ServeStatus(Clock clock, ServeZones zones) {
    this.clock = clock;
    this.zones = zones;
  }

  /** A version of the zone is being served from now on. */
  void published(Name zone, SerialNumber serial) {
    ServeZoneState z = zones.getOrNull(zone);
    if (z != null) {
      z.published(serial, now());
    }
  }

  /** The listener the responder reports transfers and refusals to. */
  TransferListener listener() {
    return new TransferListener() {
      @Override
      public void completed(TransferStats s) {
        transfers.incrementAndGet();
        // The type's name is one of dnsjava's constants, the serial a number: nothing is
        // formatted per transfer, only when a status line is asked for.
        client(
            s.request().zone(),
            s.request().client().getAddress(),
            Type.string(s.request().qtype()),
            s.serial().value());
      }

      @Override
      public void failed(TransferFailure f) {
        failures.incrementAndGet();
        client(
            f.soFar().request().zone(),
            f.soFar().request().client().getAddress(),
            Type.string(f.soFar().request().qtype()) + " failed (" + f.reason() + ")",
            ServeZoneState.NO_SERIAL);
      }

      @Override
      public void refused(TransferRefusal r) {
        refusals.incrementAndGet();
        r.qname()
            .ifPresent(
                zone ->
                    client(
                        zone,
                        r.client().getAddress(),
                        (r.qtype().isPresent() ? Type.string(r.qtype().getAsInt()) + " " : "")
                            + "refused ("
                            + r.rcodeName()
                            + ")",
                        ServeZoneState.NO_SERIAL));
      }
    };
  }

  /** A NOTIFY outcome from the responder's sender. */
  void notified(NotifyOutcome outcome) {
    notifications.incrementAndGet();
    String what;
    if (outcome instanceof NotifyOutcome.Acknowledged a) {
      what =
          "acknowledged" + (a.rcode() == Rcode.NOERROR ? "" : " (" + Rcode.string(a.rcode()) + ")");
    } else if (outcome instanceof NotifyOutcome.Rejected r) {
      notifyProblems.incrementAndGet();
      what = "rejected (" + Rcode.string(r.rcode()) + ")";
    } else if (outcome instanceof NotifyOutcome.Unanswered u) {
      notifyProblems.incrementAndGet();
      what = "unanswered after " + u.attempts() + " tries";
    } else {
      what = "superseded by a newer serial";
    }
    ServeZoneState z = zones.getOrNull(outcome.zone());
    if (z != null) {
      z.notified(shared(outcome.target().toString()), what, outcome.serial().value(), now());
    }
  }

  /**
   * The periodic status: a summary line, then only the zones that changed since the previous
   * periodic status (bounded).
   */
  List<String> periodic() {
    List<Map.Entry<Name, ServeZoneState>> changed = new ArrayList<>();
    for (Map.Entry<Name, ServeZoneState> z : zones.entries()) {
      if (z.getValue().takeChanged()) {
        changed.add(z);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(summary(changed.size() + " changed since the last status line"));
    lines.addAll(zoneLines(changed));
    return lines;
  }

  /** The on-demand status: a summary line and every zone (bounded). */
  List<String> all() {
    List<String> lines = new ArrayList<>();
    lines.add(summary(""));
    lines.addAll(zoneLines(zones.entries()));
    return lines;
  }

  /** The status line of one zone, if it is served. */
  Optional<String> zone(Name zone) {
    return zones.get(zone).map(z -> z.line(zone));
  }

  /** The lines of the first zones in DNS canonical order, at most MAX_ZONE_LINES, then a count. */
  private static List<String> zoneLines(Collection<Map.Entry<Name, ServeZoneState>> zones) {
    int total = zones.size();
    List<String> lines = new ArrayList<>();
    // Selected, not sorted or copied whole: 'status' with 100,000 zones stays cheap.
    for (Map.Entry<Name, ServeZoneState> z : FirstInOrder.of(zones, BY_ZONE, MAX_ZONE_LINES)) {
      lines.add(z.getValue().line(z.getKey()));
    }
    if (total > MAX_ZONE_LINES) {
      lines.add(
          "status: " + (total - MAX_ZONE_LINES) + " more zones not shown; 'status ZONE' shows one");
    }
    return lines;
  }

  private String summary(String changed) {
    return "status: "
        + zones.size()
        + (zones.size() == 1 ? " zone" : " zones")
        + (changed.isEmpty() ? "" : ", " + changed)
        + "; since start: "
        + transfers.get()
        + " transfers, "
        + failures.get()
        + " failed, "
        + refusals.get()
        + " refused; "
        + notifications.get()
        + " NOTIFY outcomes, "
        + notifyProblems.get()
        + " unanswered or rejected";
  }

  private void client(Name zone, InetAddress client, String what, long serial) {
    ServeZoneState z = zones.getOrNull(zone);
    if (z != null) {
      z.client(clientName(client), what, serial, now());
    }
  }

  /**
   * The shared name of a client's address ({@link #shared}), found by the address: the name is
   * written out once per client, not at every transfer (about 250 octets of garbage each on the
   * responder's I/O thread, which reports them). Bounded as {@link #shared} is.
   */
  SharedName clientName(InetAddress client) {
    SharedName known = clientNames.get(client);
    if (known != null) {
      return known;
    }
    SharedName name = shared(AddressPrefix.of(client).toString());
    if (clientNames.size() < MAX_SHARED_NAMES) {
      clientNames.putIfAbsent(client, name);
    }
    return name;
  }

  /**
   * The one object of a client's or target's name that every zone's events hold ({@link
   * SharedNames}): at most {@value #MAX_SHARED_NAMES} are kept; past that, each call makes its own.
   */
  SharedName shared(String name) {
    return names.of(name);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
