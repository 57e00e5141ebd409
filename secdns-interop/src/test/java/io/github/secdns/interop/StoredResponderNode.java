package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.jdbc.JdbcNotifyAcknowledgements;
import io.github.secdns.jdbc.JdbcZoneStore;
import io.github.secdns.jdbc.LeaderLease;
import io.github.secdns.jdbc.LeadershipListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.xbill.DNS.Name;

/**
 * One responder node serving from the shared store, wired as {@code serve --db} wires it: a {@link
 * StoredZoneSource} (versions and IXFR histories from the database), the zone's configuration, and
 * the NOTIFY duty through the store's lease with the acknowledgements in the database. {@link
 * #close()} stops it as a process ending would (its lease handed over).
 */
final class StoredResponderNode implements AutoCloseable {

  /** Short, so that a node stopped in a test is replaced within a second or two. */
  static final Duration LEASE = Duration.ofMillis(1500);

  private final JdbcZoneStore store;
  private final StoredZoneSource source;
  private final NotifySender sender;
  private final AxfrResponder responder;
  private final LeaderLease lease;

  StoredResponderNode(
      DataSource dataSource, InetSocketAddress listen, SecondaryDnsConfiguration configuration)
      throws IOException {
    store = JdbcZoneStore.builder(dataSource).pollInterval(Duration.ofMillis(100)).build();
    source = StoredZoneSource.builder(store).build();
    JdbcNotifyAcknowledgements acks = JdbcNotifyAcknowledgements.on(dataSource);
    sender =
        NotifySender.builder().localAddress(new InetSocketAddress(listen.getAddress(), 0)).build();
    LeaderLease[] held = new LeaderLease[1];
    responder =
        AxfrResponder.builder()
            .listen(listen)
            .zoneSource(source)
            .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
            .notifySender(sender)
            .notifyLeadership(zone -> held[0] != null && held[0].isLeader())
            .startupNotify(
                StartupNotify.unacknowledged(
                    new NotifyAcknowledgements() {
                      @Override
                      public Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target) {
                        return acks.acknowledged(zone, target);
                      }

                      @Override
                      public void acknowledge(Name zone, NotifyTarget target, SerialNumber serial) {
                        acks.acknowledge(zone, target, serial);
                      }
                    }))
            .build();
    try {
      responder.start();
    } catch (IOException | RuntimeException e) {
      responder.close();
      sender.close();
      source.close();
      store.close();
      throw e;
    }
    lease =
        store.leaderLease(
            "notify",
            "interop-" + listen.getPort(),
            LEASE,
            new LeadershipListener() {
              @Override
              public void elected(long term) {
                try {
                  responder.queueNotifiesForAllZones();
                } catch (IllegalStateException closing) {
                  // stopped meanwhile
                }
              }
            });
    held[0] = lease;
  }

  InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
  }

  JdbcZoneStore store() {
    return store;
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Stops the node; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lease.close();
    responder.close();
    sender.close();
    source.close();
    store.close();
  }

  static StoredResponderNode start(
      DataSource dataSource, InetSocketAddress listen, SecondaryDnsConfiguration configuration) {
    try {
      return new StoredResponderNode(dataSource, listen, configuration);
    } catch (IOException e) {
      throw new UncheckedIOException("the node did not start on " + listen, e);
    }
  }
}
