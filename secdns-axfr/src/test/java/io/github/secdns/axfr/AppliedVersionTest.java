package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The compact per-zone form gives back the very served version it was made from. */
class AppliedVersionTest {

  private static final Name ZONE = Name.fromConstantString("z1.example.");

  @Test
  void anyServedVersionComesBackEqual() {
    qt().forAll(
            longs().between(0, 0xFFFF_FFFFL),
            longs().all().toOptionals(30),
            longs().between(-31_557_014_167_219_200L, 31_556_889_864_403_199L),
            integers().between(0, 999_999_999))
        .checkAssert(
            (serial, revision, second, nano) -> {
              ServedVersion version =
                  new ServedVersion(
                      ZONE,
                      SerialNumber.of(serial),
                      revision.map(OptionalLong::of).orElseGet(OptionalLong::empty),
                      Instant.ofEpochSecond(second, nano));
              AppliedVersion applied = new AppliedVersion(version);
              assertEquals(version, applied.version());
              assertEquals(version.configurationRevision(), applied.configurationRevision());
            });
  }
}
