package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class SecondaryDnsConfigurationTest {

  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";

  static SecondaryDnsConfiguration.Builder valid() {
    return SecondaryDnsConfiguration.builder()
        .zone("example.com")
        .addSecondaryNameServer("ns1.secondary.com")
        .addSecondaryNameServer("ns2.secondary.com.")
        .addAclEntry("192.0.2.10", "xfr1")
        .addAclEntry("2001:db8::/32")
        .addNotifyTarget("192.0.2.10");
  }

  static List<String> fields(ValidationException e) {
    return e.problems().stream().map(ValidationProblem::field).collect(Collectors.toList());
  }

  static ValidationProblem problemAt(ValidationException e, String field) {
    return e.problems().stream()
        .filter(p -> p.field().equals(field))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + field + " in " + e.problems()));
  }

  @Test
  void buildsFromFormStrings() {
    SecondaryDnsConfiguration c =
        valid()
            .addTsigKey("xfr-key", null, SECRET)
            .addNotifyTarget("2001:DB8:0:0::53", 5353, "XFR-KEY.")
            .build();
    assertEquals(Name.fromConstantString("example.com."), c.zone());
    assertEquals(2, c.secondaryNameServers().size());
    assertTrue(c.aclAllows(ip("192.0.2.10")));
    assertTrue(c.aclAllows(ip("2001:db8:1::1")));
    assertFalse(c.aclAllows(ip("192.0.2.11")));
    assertEquals(TsigAlgorithm.HMAC_SHA256, c.tsigKeys().get(0).algorithm());
    NotifyTarget t = c.notifyTargets().get(1);
    assertEquals(5353, t.port());
    assertEquals(Optional.of(Name.fromConstantString("xfr-key.")), t.keyName());
    assertEquals("[2001:db8::53]:5353 key XFR-KEY.", t.toString());
    assertEquals(Optional.of("xfr1"), c.transferAcl().get(0).label());
    assertEquals(ConfigurationOrigin.custom(), c.origin());
    assertTrue(c.ixfrEnabled());
    assertTrue(c.enabled());
  }

  @Test
  void hostNamesIgnoreCaseAndTrailingDot() {
    SecondaryDnsConfiguration a = valid().zone("Example.COM.").build();
    SecondaryDnsConfiguration b = valid().zone("example.com").build();
    assertEquals(a, b);
  }

  @Test
  void reportsEveryProblemAtOnceWithFieldPathsAndCodes() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                SecondaryDnsConfiguration.builder()
                    .zone("exa mple.com")
                    .addSecondaryNameServer("ns1.secondary.com")
                    .addSecondaryNameServer("NS1.Secondary.com.")
                    .addSecondaryNameServer("ns3")
                    .addSecondaryNameServer("ns4.example.com", "300.1.1.1")
                    .addAclEntry("192.0.2.1/24")
                    .addAclEntry("10.0.0.0/33")
                    .addAclEntry("not-an-ip")
                    .addAclEntry("192.0.2.7")
                    .addAclEntry("192.0.2.7")
                    .addNotifyTarget("192.0.2.7", 0, null)
                    .addNotifyTarget("192.0.2.8", 53, "missing-key")
                    .addTsigKey("k1", "hmac-md5", SECRET)
                    .addTsigKey("k2", "hmac-sha256", "***not base64***")
                    .addTsigKey("k3", "hmac-sha999", SECRET)
                    .revision(-1)
                    .build());
    assertEquals(ProblemCode.INVALID_NAME, problemAt(e, "zone").code());
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, problemAt(e, "secondaryNameServers[1]").code());
    assertEquals(ProblemCode.INVALID_HOST_NAME, problemAt(e, "secondaryNameServers[2]").code());
    assertEquals(
        ProblemCode.INVALID_ADDRESS, problemAt(e, "secondaryNameServers[3].glue[0]").code());
    assertEquals(ProblemCode.INVALID_PREFIX, problemAt(e, "transferAcl[0]").code());
    assertTrue(problemAt(e, "transferAcl[0]").message().contains("did you mean 192.0.2.0/24"));
    assertEquals(ProblemCode.INVALID_PREFIX, problemAt(e, "transferAcl[1]").code());
    assertEquals(ProblemCode.INVALID_PREFIX, problemAt(e, "transferAcl[2]").code());
    assertEquals(ProblemCode.DUPLICATE_ACL_ENTRY, problemAt(e, "transferAcl[4]").code());
    assertEquals(ProblemCode.INVALID_PORT, problemAt(e, "notifyTargets[0].port").code());
    assertEquals(ProblemCode.UNKNOWN_TSIG_KEY, problemAt(e, "notifyTargets[1].keyName").code());
    assertEquals(
        ProblemCode.UNSUPPORTED_TSIG_ALGORITHM, problemAt(e, "tsigKeys[0].algorithm").code());
    assertTrue(problemAt(e, "tsigKeys[0].algorithm").message().contains("md5"));
    assertEquals(ProblemCode.INVALID_TSIG_SECRET, problemAt(e, "tsigKeys[1].secret").code());
    assertEquals(
        ProblemCode.UNSUPPORTED_TSIG_ALGORITHM, problemAt(e, "tsigKeys[2].algorithm").code());
    assertEquals(ProblemCode.OUT_OF_RANGE, problemAt(e, "revision").code());
    assertEquals(14, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("secondaryNameServers[1]"));
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void requiresZoneAndAtLeastOneNameServer() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> SecondaryDnsConfiguration.builder().build());
    assertEquals(List.of("zone", "secondaryNameServers"), fields(e));
    assertTrue(e.problems().stream().allMatch(p -> p.code() == ProblemCode.REQUIRED));
  }

  @Test
  void rejectsWildcardsRootAndBadLabels() {
    for (String bad :
        List.of(
            "*.example.com",
            "a..b.com",
            "-ns.example.com",
            "ns_1.example.com",
            ".",
            "x".repeat(64) + ".com")) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> valid().secondaryNameServers(List.of(bad)).build(),
              bad);
      assertEquals(
          ProblemCode.INVALID_HOST_NAME, problemAt(e, "secondaryNameServers[0]").code(), bad);
    }
    assertThrows(ValidationException.class, () -> valid().zone(".").build());
    assertThrows(ValidationException.class, () -> valid().zone("*.example.com").build());
    // Underscores are fine in zone names (not in host names).
    assertEquals("_tcp.example.com.", valid().zone("_tcp.example.com").build().zone().toString());
  }

  @Test
  void keyAuthenticationNeedsAKey() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> valid().transferAuthentication(TransferAuthentication.KEY).build());
    assertEquals(ProblemCode.TSIG_KEY_REQUIRED, problemAt(e, "transferAuthentication").code());
    SecondaryDnsConfiguration ok =
        valid()
            .transferAuthentication(TransferAuthentication.KEY)
            .addTsigKey("k", "sha512", SECRET)
            .build();
    assertEquals(TsigAlgorithm.HMAC_SHA512, ok.tsigKeys().get(0).algorithm());
  }

  @Test
  void duplicateKeysAndNotifyTargetsAreRejected() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid()
                    .addTsigKey("k", null, SECRET)
                    .addTsigKey("K.", null, SECRET)
                    .addNotifyTarget("192.0.2.10")
                    .build());
    assertEquals(ProblemCode.DUPLICATE_TSIG_KEY, problemAt(e, "tsigKeys[1].name").code());
    assertEquals(ProblemCode.DUPLICATE_NOTIFY_TARGET, problemAt(e, "notifyTargets[1]").code());
  }

  @Test
  void aNotifyTargetNamingAnInvalidKeyReportsOnlyTheKey() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid().addTsigKey("k", null, "%%%").addNotifyTarget("192.0.2.1", 53, "k").build());
    assertEquals(List.of("tsigKeys[0].secret"), fields(e));
  }

  @Test
  void orderDoesNotMatterForEquality() {
    SecondaryDnsConfiguration a =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("ns1.a.com")
            .addSecondaryNameServer("ns2.a.com")
            .addAclEntry("192.0.2.1")
            .addAclEntry("192.0.2.2")
            .build();
    SecondaryDnsConfiguration b =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("NS2.a.com")
            .addSecondaryNameServer("ns1.a.com")
            .addAclEntry("192.0.2.2")
            .addAclEntry("192.0.2.1")
            .build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.toBuilder().revision(1).build());
  }

  @Test
  void toBuilderRoundTrips() {
    SecondaryDnsConfiguration c =
        valid()
            .addTsigKey("k", "hmac-sha384", SECRET)
            .addNotifyTarget("2001:db8::1", 53, "k")
            .origin(ConfigurationOrigin.preset("dnsmadeeasy"))
            .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
            .ixfrEnabled(false)
            .revision(7)
            .enabled(false)
            .build();
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void secretIsNeverShown() {
    SecondaryDnsConfiguration c = valid().addTsigKey("k", null, SECRET).build();
    assertFalse(c.toString().contains(SECRET));
    assertTrue(c.toString().contains("<redacted>"));
    TsigKey key = c.tsigKeys().get(0);
    assertFalse(key.toString().contains(SECRET));
    assertEquals(32, key.secretLength());
  }

  @Test
  void nameServerSetIsCopiedNotReferenced() {
    NameServerSet set =
        NameServerSet.builder()
            .id("set-1")
            .label("Secondary provider")
            .addNameServer("ns1.secondary.com", "192.0.2.53", "2001:db8::53")
            .addNameServer("ns2.secondary.com")
            .build();
    SecondaryDnsConfiguration c =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .nameServersFrom(set)
            .addAclEntry("192.0.2.1")
            .build();
    assertEquals(ConfigurationOrigin.nameServerSet("set-1"), c.origin());
    assertEquals(set.nameServers(), c.secondaryNameServers());
    assertEquals(2, c.secondaryNameServers().iterator().next().glue().size());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> NameServerSet.builder().id(" ").label("").addNameServer("bad name").build());
    assertEquals(List.of("id", "nameServers[0]", "label"), fields(e));
  }

  @Test
  void anotherZoneSharesTheValuesAndIsCheckedAgainstItsCatalog() {
    SecondaryDnsConfiguration template =
        valid()
            .addTsigKey("xfr-key", null, SECRET)
            .catalogMembership("catalog.example.net", "premium")
            .build();
    SecondaryDnsConfiguration other = template.forZone(Name.fromConstantString("Z7.example."));
    assertEquals("Z7.example.", other.zone().toString());
    assertSame(template.transferAcl(), other.transferAcl());
    assertSame(template.secondaryNameServers(), other.secondaryNameServers());
    assertSame(template.tsigKeys(), other.tsigKeys());
    assertEquals(template.catalogMembership(), other.catalogMembership());
    assertEquals(template.toBuilder().zone("z7.example").build(), other);

    ValidationException under =
        assertThrows(
            ValidationException.class,
            () -> template.forZone(Name.fromConstantString("a.Catalog.example.net.")));
    assertEquals(ProblemCode.CONFLICT, problemAt(under, "catalogMembership.catalog").code());
    assertEquals(List.of("catalogMembership.catalog"), fields(under));
    ValidationException root =
        assertThrows(ValidationException.class, () -> template.forZone(Name.root));
    assertEquals(ProblemCode.INVALID_NAME, problemAt(root, "zone").code());
  }

  /**
   * What a host of many zones holds per zone when it derives them from one configuration (issue
   * 13): the zone's name, its catalog membership and the values shared with the template, one
   * object of at most 32 octets (64 when each derived configuration held every value itself), still
   * equal to building each zone's configuration from scratch.
   */
  @Test
  void aDerivedConfigurationHoldsLittleMoreThanItsZone() {
    long size =
        org.openjdk.jol.info.ClassLayout.parseClass(SecondaryDnsConfiguration.class).instanceSize();
    assertTrue(size <= 32, size + " octets per configuration");
    SecondaryDnsConfiguration template = valid().addTsigKey("xfr-key", null, SECRET).build();
    SecondaryDnsConfiguration derived = template.forZone(Name.fromConstantString("z999.example."));
    SecondaryDnsConfiguration built = template.toBuilder().zone("z999.example").build();
    assertEquals(built, derived);
    assertEquals(derived, built);
    assertEquals(built.hashCode(), derived.hashCode());
    assertEquals(built.toString(), derived.toString());
    assertNotEquals(template.forZone(Name.fromConstantString("z1.example.")), derived);
    assertNotEquals(template.toBuilder().zone("z999.example").revision(7).build(), derived);
  }

  @Test
  void aCharacterOutsideTheLettersIsNamedAsItIsNotAsItsEscape() throws Exception {
    // A zone named after a file "bad name.zone": the Name writes its space as \032.
    SecondaryDnsConfiguration template = valid().build();
    ValidationException space =
        assertThrows(
            ValidationException.class,
            () -> template.forZone(Name.fromString("bad\\032name.example.")));
    assertEquals(
        "the zone 'bad\\032name.example.' contains the character ' ' (written \\032); only letters,"
            + " digits and hyphens (and underscores) are allowed",
        problemAt(space, "zone").message());
    ValidationException dot =
        assertThrows(
            ValidationException.class, () -> template.forZone(Name.fromString("a\\.b.example.")));
    assertTrue(
        problemAt(dot, "zone").message().contains("the character '.' (written \\.)"),
        problemAt(dot, "zone").message());
    ValidationException typed =
        assertThrows(ValidationException.class, () -> valid().zone("bad!name.example").build());
    assertTrue(
        problemAt(typed, "zone").message().contains("the character '!';"),
        problemAt(typed, "zone").message());
  }
}
