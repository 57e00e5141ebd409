package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NotifyTarget;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The fixed orders in which results list addresses, targets and key names. A configuration's
 * equality ignores the order of its lists, so results must not depend on it either.
 */
final class Ordering {

  /** IPv4 before IPv6, then by address, then by length. */
  static final Comparator<AddressPrefix> PREFIXES =
      Comparator.<AddressPrefix, InetAddress>comparing(AddressPrefix::network, Ordering::compare)
          .thenComparingInt(AddressPrefix::length);

  /** By prefix, then unlabelled before labelled, then by label. */
  static final Comparator<AclEntry> ACL_ENTRIES =
      Comparator.comparing(AclEntry::prefix, PREFIXES).thenComparing(e -> e.label().orElse(""));

  /** By address, then port, then key name (unsigned first). */
  static final Comparator<NotifyTarget> NOTIFY_TARGETS =
      Comparator.comparing(NotifyTarget::address, Ordering::compare)
          .thenComparingInt(NotifyTarget::port)
          .thenComparing(t -> t.keyName().orElse(Name.root));

  private Ordering() {}

  static <T> List<T> sorted(Collection<T> items, Comparator<? super T> order) {
    List<T> out = new ArrayList<>(items);
    out.sort(order);
    return List.copyOf(out);
  }

  private static int compare(InetAddress a, InetAddress b) {
    byte[] x = a.getAddress();
    byte[] y = b.getAddress();
    if (x.length != y.length) {
      return Integer.compare(x.length, y.length);
    }
    return Arrays.compareUnsigned(x, y);
  }
}
