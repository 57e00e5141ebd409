package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class WireSizesTest {

  @Test
  void theTsigReserveFitsTheLargestTsigRecordOfAnyKey() throws Exception {
    String label63 = "k".repeat(63);
    Name longest =
        Name.fromString(label63 + "." + label63 + "." + label63 + "." + "k".repeat(61) + ".");
    assertEquals(255, longest.length());
    int largest = 0;
    for (TsigAlgorithm algorithm : TsigAlgorithm.values()) {
      largest =
          Math.max(
              largest, TsigKeys.maxRecordLength(new TsigKey(longest, algorithm, new byte[32])));
    }
    assertEquals(WireSizes.TSIG_RESERVE, largest);
  }
}
