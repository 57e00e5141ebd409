package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.AddressPrefix;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;

/** Canonical forms, order and display of names and addresses, so reports are deterministic. */
final class Names {

  /** Orders addresses IPv4 first, then by their bytes as unsigned numbers. */
  static final Comparator<InetAddress> ADDRESS_ORDER =
      Comparator.<InetAddress>comparingInt(a -> a.getAddress().length)
          .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);

  private Names() {}

  /**
   * Absolute and lower case: DNS names compare case-insensitively, and two spellings of one name
   * must not make reports differ with the order observations arrived in.
   */
  static Name canonical(Name name) {
    Name absolute = name;
    if (!name.isAbsolute()) {
      try {
        absolute = Name.concatenate(name, Name.root);
      } catch (NameTooLongException e) {
        absolute = name;
      }
    }
    return absolute.canonicalize();
  }

  /** The name as customers write it: without the trailing dot. */
  static String display(Name name) {
    return name.toString(true);
  }

  static String display(InetAddress address) {
    return AddressPrefix.of(address).toString();
  }

  static String displayNames(Collection<Name> names) {
    return names.stream().map(Names::display).collect(Collectors.joining(", "));
  }

  static String displayAddresses(Collection<InetAddress> addresses) {
    return addresses.stream().map(Names::display).collect(Collectors.joining(", "));
  }

  /** Lexicographic order of two sorted lists. */
  static <T> int compareLists(List<T> a, List<T> b, Comparator<? super T> order) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = order.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
