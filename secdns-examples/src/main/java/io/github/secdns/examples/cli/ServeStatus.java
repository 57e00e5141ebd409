package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
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

  private static final Comparator<ZoneStatus> BY_ZONE = Comparator.comparing(z -> z.zone);

  private final Clock clock;
  // Concurrent (zones come and go with --zone-dir) and unsorted: the lines shown are put in DNS
  // canonical order when asked for (at most MAX_ZONE_LINES of them), not kept sorted at every
  // change (a sorted map compared names at each of 100,000 zones' start and serial).
  private final ConcurrentHashMap<Name, ZoneStatus> zones = new ConcurrentHashMap<>();
  private final AtomicLong transfers = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong notifyProblems = new AtomicLong();

  /**
   * @param clock the time events are stamped with
   * @param served the zones served; events about other zones are only counted
   */
  ServeStatus(Clock clock, List<Name> served) {
    this.clock = clock;
    served.forEach(this::added);
  }

  /** A zone is served from now on (a file added to the zone directory); no-op when it is. */
  void added(Name zone) {
    zones.putIfAbsent(zone, new ZoneStatus(zone));
  }

  /** A zone is no longer served: its state is forgotten. */
  void removed(Name zone) {
    zones.remove(zone);
  }

  /** A version of the zone is being served from now on. */
  void published(Name zone, SerialNumber serial) {
    ZoneStatus z = zones.get(zone);
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
        client(
            s.request().zone(),
            s.request().client().getAddress(),
            Type.string(s.request().qtype()) + " serial " + s.serial());
      }

      @Override
      public void failed(TransferFailure f) {
        failures.incrementAndGet();
        client(
            f.soFar().request().zone(),
            f.soFar().request().client().getAddress(),
            Type.string(f.soFar().request().qtype()) + " failed (" + f.reason() + ")");
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
                            + ")"));
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
    ZoneStatus z = zones.get(outcome.zone());
    if (z != null) {
      z.notified(outcome.target().toString(), what + " serial " + outcome.serial(), now());
    }
  }

  /**
   * The periodic status: a summary line, then only the zones that changed since the previous
   * periodic status (bounded).
   */
  List<String> periodic() {
    List<ZoneStatus> changed = new ArrayList<>();
    for (ZoneStatus z : zones.values()) {
      if (z.takeChanged()) {
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
    lines.addAll(zoneLines(zones.values()));
    return lines;
  }

  /** The status line of one zone, if it is served. */
  Optional<String> zone(Name zone) {
    return Optional.ofNullable(zones.get(zone)).map(ZoneStatus::line);
  }

  /** The lines of the first zones in DNS canonical order, at most MAX_ZONE_LINES, then a count. */
  private static List<String> zoneLines(Collection<ZoneStatus> zones) {
    int total = zones.size();
    List<String> lines = new ArrayList<>();
    // Selected, not sorted or copied whole: 'status' with 100,000 zones stays cheap.
    for (ZoneStatus z : FirstInOrder.of(zones, BY_ZONE, MAX_ZONE_LINES)) {
      lines.add(z.line());
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

  private void client(Name zone, InetAddress client, String what) {
    ZoneStatus z = zones.get(zone);
    if (z != null) {
      z.client(AddressPrefix.of(client).toString(), what, now());
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * One zone's state; every method holds the zone's lock. Kept small: a directory of 100,000 zones
   * holds 100,000 of them, most never transferred nor notified, so the serial and its time are
   * primitives and the per-client and per-target maps exist only once something happened.
   */
  private static final class ZoneStatus {
    /** No serial published yet. */
    private static final long NONE = -1;

    private final Name zone;
    private long serial = NONE;
    private long publishedAtSecond;
    @Nullable private Recent clients;
    @Nullable private Recent targets;
    private boolean changed;

    ZoneStatus(Name zone) {
      this.zone = zone;
    }

    synchronized void published(SerialNumber serial, Instant at) {
      this.serial = serial.value();
      this.publishedAtSecond = at.getEpochSecond();
      changed = true;
    }

    synchronized void client(String client, String what, Instant at) {
      if (clients == null) {
        clients = new Recent(MAX_CLIENTS);
      }
      clients.put(client, what + " at " + at);
      changed = true;
    }

    synchronized void notified(String target, String what, Instant at) {
      if (targets == null) {
        targets = new Recent(MAX_TARGETS);
      }
      targets.put(target, what + " at " + at);
      changed = true;
    }

    synchronized boolean takeChanged() {
      boolean was = changed;
      changed = false;
      return was;
    }

    synchronized String line() {
      return "status "
          + zone
          + " serial "
          + (serial == NONE ? "-" : serial + " since " + Instant.ofEpochSecond(publishedAtSecond))
          + "; last transfer: "
          + (clients == null ? "none" : clients.text())
          + "; NOTIFY: "
          + (targets == null ? "none" : targets.text());
    }
  }

  /** The most recently updated entries, at most {@code max}; older ones are dropped and counted. */
  private static final class Recent {
    private final int max;
    private final LinkedHashMap<String, String> entries = new LinkedHashMap<>();
    private long dropped;

    Recent(int max) {
      this.max = max;
    }

    void put(String key, String value) {
      entries.remove(key); // re-inserted last: the map is in order of the latest update
      entries.put(key, value);
      if (entries.size() > max) {
        entries.remove(entries.keySet().iterator().next());
        dropped++;
      }
    }

    /** The entries, oldest first; never empty (a {@code Recent} exists once one was put). */
    String text() {
      String shown =
          entries.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", "));
      return shown + (dropped > 0 ? " (+" + dropped + " older not kept)" : "");
    }
  }
}
