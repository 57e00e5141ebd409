package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/** {@link NotifyAcknowledgements#inMemory()}: a concurrent map. Thread-safe. */
final class InMemoryAcknowledgements implements NotifyAcknowledgements {

  /** A zone at one target address and port ({@link Name#equals} ignores letter case). */
  private record Key(Name zone, InetSocketAddress target) {
    static Key of(Name zone, NotifyTarget target) {
      return new Key(zone, new InetSocketAddress(target.address(), target.port()));
    }
  }

  private final ConcurrentHashMap<Key, SerialNumber> serials = new ConcurrentHashMap<>();

  @Override
  public Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target) {
    return Optional.ofNullable(serials.get(Key.of(zone, target)));
  }

  @Override
  public void acknowledge(Name zone, NotifyTarget target, SerialNumber serial) {
    serials.put(Key.of(zone, target), Objects.requireNonNull(serial, "serial"));
  }

  @Override
  public String toString() {
    return "NotifyAcknowledgements.inMemory[" + serials.size() + " entries]";
  }
}
