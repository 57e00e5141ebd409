package io.github.secdns.core.config;

import static io.github.secdns.core.config.SecondaryDnsConfigurationTest.fields;
import static io.github.secdns.core.config.SecondaryDnsConfigurationTest.problemAt;
import static io.github.secdns.core.config.SecondaryDnsConfigurationTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class CatalogMembershipTest {

  @Test
  void aZoneCanBelongToACatalogWithAGroup() {
    SecondaryDnsConfiguration c =
        valid().catalogMembership(" Catalog.Example.NET ", " tmplB ").build();
    CatalogMembership m = c.catalogMembership().orElseThrow();
    assertEquals(Name.fromConstantString("catalog.example.net."), m.catalog());
    assertEquals(Optional.of("tmplB"), m.group());
    assertTrue(c.toString().contains("catalogMembership=Catalog.Example.NET. (group tmplB)"));
    assertEquals(c, c.toBuilder().build());
    assertEquals(
        Optional.empty(),
        valid()
            .catalogMembership("catalog.example.net", " ")
            .build()
            .catalogMembership()
            .get()
            .group());
    assertEquals(Optional.empty(), valid().build().catalogMembership());
    assertEquals(Optional.empty(), c.toBuilder().noCatalogMembership().build().catalogMembership());
  }

  @Test
  void membershipTakesPartInEqualityCatalogNamesIgnoringCaseGroupsNot() {
    SecondaryDnsConfiguration a = valid().catalogMembership("cat.example.net", "g").build();
    assertEquals(a, valid().catalogMembership("CAT.example.net.", "g").build());
    assertNotEquals(a, valid().catalogMembership("cat.example.net", "G").build());
    assertNotEquals(a, valid().catalogMembership("other.example.net", "g").build());
    assertNotEquals(a, valid().build());
  }

  @Test
  void everyMembershipProblemIsReportedWithTheOthers() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid()
                    .addAclEntry("not-an-address")
                    .catalogMembership("bad..name", "with space")
                    .build());
    assertEquals(
        List.of("transferAcl[2]", "catalogMembership.catalog", "catalogMembership.group"),
        fields(e));
    assertEquals(ProblemCode.INVALID_NAME, problemAt(e, "catalogMembership.catalog").code());
    ValidationProblem group = problemAt(e, "catalogMembership.group");
    assertEquals(ProblemCode.INVALID_CATALOG_GROUP, group.code());
    assertTrue(group.message().contains("without spaces"), group.message());
  }

  @Test
  void theCatalogMustNotBeTheZoneOrAboveIt() {
    ValidationException itself =
        assertThrows(
            ValidationException.class,
            () -> valid().catalogMembership("EXAMPLE.com", null).build());
    assertEquals(ProblemCode.CONFLICT, problemAt(itself, "catalogMembership.catalog").code());
    assertTrue(itself.getMessage().contains("cannot be a member of itself"), itself.getMessage());

    ValidationException above =
        assertThrows(
            ValidationException.class, () -> valid().catalogMembership("com", null).build());
    assertTrue(above.getMessage().contains("lies under the catalog com."), above.getMessage());

    // a catalog under the zone is fine: the host owns the name
    assertTrue(
        valid()
            .catalogMembership("catalog.example.com", null)
            .build()
            .catalogMembership()
            .isPresent());
  }

  @Test
  void aCatalogNameTooLongForItsMemberNodesIsRefused() {
    String name180 = ("a".repeat(59) + ".").repeat(2) + "a".repeat(58); // 60 + 60 + 59 + 1
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> valid().catalogMembership(name180, null).build());
    ValidationProblem p = problemAt(e, "catalogMembership.catalog");
    assertEquals(ProblemCode.TOO_LONG, p.code());
    assertTrue(p.message().contains("180 octets"), p.message());
  }

  @Test
  void theRecordChecksItsValues() {
    Name cat = Name.fromConstantString("cat.example.");
    assertThrows(
        IllegalArgumentException.class,
        () -> new CatalogMembership(Name.fromConstantString("relative"), Optional.empty()));
    assertThrows(
        IllegalArgumentException.class, () -> new CatalogMembership(Name.root, Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new CatalogMembership(cat, Optional.of("")));
    assertEquals("cat.example.", new CatalogMembership(cat, Optional.empty()).toString());
  }
}
