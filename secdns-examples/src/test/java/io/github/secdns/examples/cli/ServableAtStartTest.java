package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** {@code listening on} waits for every zone present at start, and for nothing else. */
class ServableAtStartTest {

  private static final Name A = Name.fromConstantString("a.example.");
  private static final Name B = Name.fromConstantString("b.example.");

  private static ServedVersion servable(Name zone) {
    return new ServedVersion(zone, SerialNumber.of(1), OptionalLong.of(1), Instant.EPOCH);
  }

  @Test
  void onlyOnceEveryAwaitedZoneIsServableOrWithdrawn() throws Exception {
    ServableAtStart start = new ServableAtStart(List.of(A, B));
    start.servable(servable(A));
    start.servable(servable(A)); // a second version of the same zone
    start.servable(servable(Name.fromConstantString("other.example."))); // not awaited
    assertFalse(start.allServable());
    start.withdrawn(B); // withdrawn before it was servable: nothing more to wait for
    assertTrue(start.allServable());
    start.awaitServable(); // returns at once
  }

  @Test
  void nothingAwaitedIsReadyAtOnce() throws Exception {
    ServableAtStart start = new ServableAtStart(List.of());
    assertTrue(start.allServable());
    start.awaitServable();
  }
}
