package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/** Shared test data: the seed article's example. */
final class Fixtures {

  static final List<String> DNSIMPLE =
      List.of("ns1.dnsimple.com", "ns2.dnsimple.com", "ns3.dnsimple.com", "ns4.dnsimple.com");
  static final List<String> SECONDARY = List.of("ns1.secondary.com", "ns2.secondary.com");
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTQyIQ==";

  private Fixtures() {}

  static SecondaryDnsConfiguration.Builder config(List<String> nameServers) {
    return SecondaryDnsConfiguration.builder()
        .zone("example.com")
        .secondaryNameServers(nameServers)
        .addAclEntry("192.0.2.10")
        .addAclEntry("2001:db8::/64", "provider xfr");
  }

  static SecondaryDnsConfiguration seedConfig() {
    return config(SECONDARY).build();
  }

  static ZoneState.Builder state() {
    return ZoneState.builder()
        .zone("example.com")
        .primaryNameServers(DNSIMPLE)
        .apexNameServers(DNSIMPLE);
  }

  static NameServerNames names(List<String> hostNames) {
    List<Name> out = new ArrayList<>();
    for (String h : hostNames) {
      out.add(Name.fromConstantString(h.endsWith(".") ? h : h + "."));
    }
    return NameServerNames.of(out);
  }

  static NameServerNames names(String... hostNames) {
    return names(List.of(hostNames));
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Applies a result's apex NS change and, when the delegation is known, its plan. */
  static ZoneState applied(ZoneState state, LifecycleResult result) {
    return state
        .withApexNameServers(result.apexNs().after())
        .withRegistryDelegation(state.registryDelegation().map(d -> result.delegation().to()));
  }
}
