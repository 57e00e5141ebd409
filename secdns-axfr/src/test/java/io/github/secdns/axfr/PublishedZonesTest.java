package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class PublishedZonesTest {

  @Test
  void publishReplacesAndWithdrawRemovesCaseInsensitively() {
    PublishedZones zones = new PublishedZones();
    List<Name> changes = new ArrayList<>();
    zones.addObserver(changes::add);
    ZoneSnapshot v1 = TestZones.small("example.com.", 1);
    ZoneSnapshot v2 = TestZones.small("example.com.", 2);
    assertEquals(Optional.empty(), zones.publish(v1));
    assertEquals(Optional.of(v1), zones.publish(v2));
    assertEquals(Optional.of(v2), zones.snapshot(TestZones.name("EXAMPLE.Com.")));
    assertEquals(Set.of(TestZones.name("example.com.")), zones.zones());
    assertEquals(Optional.of(v2), zones.withdraw(TestZones.name("Example.COM.")));
    assertTrue(zones.snapshot(TestZones.name("example.com.")).isEmpty());
    assertEquals(Optional.empty(), zones.withdraw(TestZones.name("example.com.")));
    assertEquals(3, changes.size());
  }
}
