package io.github.secdns.testsupport.servers;

import static io.github.secdns.testsupport.Addresses.LOOPBACK_1;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * A server pinned to a number of cores runs the workers its own default gives a machine of that
 * many cores (the many-zones benchmark pins each server to one core: bench/run-many-zones.sh).
 */
class CoresConfigTest {

  private static final Path DIR = Path.of("/tmp/secdns-config");
  private static final Name ZONE = ZoneNames.absolute("cores.test");

  private static ServerConfig primary() {
    return ServerConfig.primary(DIR, ZONE, LOOPBACK_1, 5300, DIR.resolve("zone.db"));
  }

  @Test
  void knotGetsItsOwnDefaultsForTheCoresAndNsdOneServerPerCore() {
    qt().forAll(integers().between(1, 64))
        .checkAssert(
            cores -> {
              ServerConfig c = primary().withCores(cores);
              String knot = ServerKind.KNOT.configuration(c);
              assertTrue(knot.contains("    udp-workers: " + cores + "\n"), knot);
              assertTrue(knot.contains("    tcp-workers: " + Math.max(10, cores) + "\n"), knot);
              assertTrue(
                  knot.contains("    background-workers: " + Math.min(10, cores) + "\n"), knot);
              String nsd = ServerKind.NSD.configuration(c);
              assertTrue(nsd.contains("    server-count: " + cores + "\n"), nsd);
            });
  }

  @Test
  void explicitWorkersWinOverCoresAndNeitherLeavesTheDefaults() {
    ServerConfig c = primary().withCores(4).withWorkers(1);
    String knot = ServerKind.KNOT.configuration(c);
    assertTrue(knot.contains("    tcp-workers: 1\n"), knot);
    assertTrue(ServerKind.NSD.configuration(c).contains("    server-count: 1\n"));
    assertFalse(ServerKind.KNOT.configuration(primary()).contains("workers"));
    assertFalse(ServerKind.NSD.configuration(primary()).contains("server-count"));
    assertEquals(0, primary().cores());
    assertEquals(4, primary().withCores(4).cores());
    assertThrows(IllegalArgumentException.class, () -> primary().withCores(0));
  }

  @Test
  void theLauncherIsKeptByEveryLaterOption() {
    List<String> taskset = List.of("taskset", "-c", "0");
    assertEquals(List.of(), primary().launcher());
    assertEquals(taskset, primary().withLauncher(taskset).withCores(1).withWorkers(2).launcher());
  }
}
