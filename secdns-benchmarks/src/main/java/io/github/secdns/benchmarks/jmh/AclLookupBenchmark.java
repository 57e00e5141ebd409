package io.github.secdns.benchmarks.jmh;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SecondaryDnsConfiguration#aclAllows} with 50 entries, IPv4 and IPv6, single addresses and
 * prefixes mixed (a provider's published transfer ranges plus a few customer additions): the first
 * entry matching, the last one matching, and a miss of each family (which walks all 50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclLookupBenchmark {

  private SecondaryDnsConfiguration config;
  private InetAddress first;
  private InetAddress last;
  private InetAddress missV4;
  private InetAddress missV6;

  /** Builds the 50-entry configuration. */
  @Setup
  public void setUp() throws UnknownHostException {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("ns1.secondary.example")
            .addSecondaryNameServer("ns2.secondary.example");
    for (int i = 0; i < 50; i++) {
      switch (i % 4) {
        case 0 -> b.addAclEntry("198.51." + i + ".0/24", "range " + i);
        case 1 -> b.addAclEntry("203.0.113." + i);
        case 2 -> b.addAclEntry("2001:db8:" + Integer.toHexString(i) + "::/48", "v6 range " + i);
        default -> b.addAclEntry("2001:db8:ffff::" + Integer.toHexString(i));
      }
    }
    config = b.build();
    first = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 0, 7});
    last = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 49});
    missV4 = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = (byte) 0xb8;
    v6[4] = 0x7f;
    missV6 = InetAddress.getByAddress(v6);
  }

  /** The first entry matches. */
  @Benchmark
  public boolean allowedByFirstEntry() {
    return config.aclAllows(first);
  }

  /** The 50th entry matches. */
  @Benchmark
  public boolean allowedByLastEntry() {
    return config.aclAllows(last);
  }

  /** No IPv4 entry matches. */
  @Benchmark
  public boolean refusedV4() {
    return config.aclAllows(missV4);
  }

  /** No IPv6 entry matches. */
  @Benchmark
  public boolean refusedV6() {
    return config.aclAllows(missV6);
  }
}
