package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponderLimitsTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    ResponderLimits d = ResponderLimits.defaults();
    assertEquals(2048, d.maxConnections());
    assertEquals(10, d.maxConcurrentTransfers());
    assertEquals(Duration.ofSeconds(10), d.idleTimeout());
    assertEquals(Duration.ofMinutes(30), d.transferDeadline());
    assertEquals(Duration.ofSeconds(5), d.shutdownGrace());
    assertEquals(16384, d.targetMessageSize());
  }

  @Test
  void badValuesAreNamed() {
    ResponderLimits d = ResponderLimits.defaults();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> d.withMaxConnections(0))
            .getMessage()
            .contains("maxConnections"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> d.withMaxConcurrentTransfers(0))
            .getMessage()
            .contains("maxConcurrentTransfers"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> d.withIdleTimeout(Duration.ZERO))
            .getMessage()
            .contains("idleTimeout"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> d.withTransferDeadline(Duration.ofSeconds(-1)))
            .getMessage()
            .contains("transferDeadline"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> d.withShutdownGrace(Duration.ofSeconds(-1)))
            .getMessage()
            .contains("shutdownGrace"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> d.withTargetMessageSize(511))
            .getMessage()
            .contains("targetMessageSize"));
    assertEquals(Duration.ZERO, d.withShutdownGrace(Duration.ZERO).shutdownGrace());
  }
}
