package io.github.secdns.core.config;

import static io.github.secdns.core.config.SecondaryDnsConfigurationTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XotPolicyTest {

  @Test
  void xotIsAllowedUnlessTheConfigurationSaysOtherwise() {
    assertEquals(XotPolicy.ALLOWED, valid().build().xotPolicy());
  }

  @Test
  void thePolicyIsKeptThroughToBuilderAndTakesPartInEquality() {
    SecondaryDnsConfiguration required = valid().xotPolicy(XotPolicy.REQUIRED).build();
    assertEquals(XotPolicy.REQUIRED, required.xotPolicy());
    assertEquals(required, required.toBuilder().build());
    assertNotEquals(required, valid().build());
    assertNotEquals(required, valid().xotPolicy(XotPolicy.NOT_OFFERED).build());
    assertTrue(required.toString().contains("xotPolicy=REQUIRED"), required.toString());
  }

  @Test
  void eachPolicySaysWhichTransportsServeTransfers() {
    assertTrue(XotPolicy.ALLOWED.allowsTls());
    assertTrue(XotPolicy.ALLOWED.allowsPlainTcp());
    assertTrue(XotPolicy.REQUIRED.allowsTls());
    assertFalse(XotPolicy.REQUIRED.allowsPlainTcp());
    assertFalse(XotPolicy.NOT_OFFERED.allowsTls());
    assertTrue(XotPolicy.NOT_OFFERED.allowsPlainTcp());
  }

  @Test
  void aMissingPolicyIsRefusedAtOnce() {
    assertThrows(NullPointerException.class, () -> valid().xotPolicy(null));
  }
}
