package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.testsupport.Allocations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class TransferPolicyTest {

  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

  private static SecondaryDnsConfiguration.Builder base() {
    return SecondaryDnsConfiguration.builder()
        .zone("Example.COM")
        .addSecondaryNameServer("ns1.secondary.example.net")
        .addAclEntry("192.0.2.0/24", "provider")
        .addAclEntry("2001:db8::1");
  }

  /** The base configuration with the key {@code xfr-key.} and the given authentication mode. */
  private static TransferPolicy keyed(TransferAuthentication mode) throws Exception {
    return TransferPolicy.fromConfiguration(
        base().addTsigKey("xfr-key", "hmac-sha256", SECRET).transferAuthentication(mode).build());
  }

  private static TransferRequest request(String zone, String client, Optional<String> key)
      throws Exception {
    return new TransferRequest(
        new InetSocketAddress(InetAddress.getByName(client), 40000),
        Name.fromString(zone),
        Type.AXFR,
        Transport.TCP,
        key.map(Name::fromConstantString));
  }

  @Test
  void addressModeAllowsExactlyTheAcl() throws Exception {
    TransferPolicy p = TransferPolicy.fromConfiguration(base().build());
    assertTrue(p.decide(request("example.com.", "192.0.2.77", Optional.empty())).allowed());
    assertTrue(p.decide(request("EXAMPLE.com.", "2001:db8::1", Optional.empty())).allowed());
    TransferDecision no = p.decide(request("example.com.", "198.51.100.1", Optional.empty()));
    assertFalse(no.allowed());
    assertTrue(no.reason().contains("198.51.100.1"), no.reason());
    assertFalse(p.decide(request("example.org.", "192.0.2.77", Optional.empty())).allowed());
    assertTrue(
        p.decide(request("example.com.", "192.0.2.77", Optional.empty()))
            .reason()
            .contains("provider"));
  }

  @Test
  void anEmptyAclAllowsNobodyAndADisabledConfigurationNothing() throws Exception {
    TransferPolicy empty =
        TransferPolicy.fromConfiguration(base().transferAcl(java.util.List.of()).build());
    assertFalse(empty.decide(request("example.com.", "192.0.2.1", Optional.empty())).allowed());
    TransferPolicy disabled = TransferPolicy.fromConfiguration(base().enabled(false).build());
    assertFalse(disabled.decide(request("example.com.", "192.0.2.1", Optional.empty())).allowed());
    assertFalse(
        TransferPolicy.denyAll()
            .decide(request("example.com.", "192.0.2.1", Optional.empty()))
            .allowed());
  }

  @Test
  void keyModesNeedAVerifiedKeyOfTheZone() throws Exception {
    TransferPolicy p = keyed(TransferAuthentication.KEY);
    assertFalse(p.decide(request("example.com.", "192.0.2.1", Optional.empty())).allowed());
    assertTrue(
        p.decide(request("example.com.", "198.51.100.9", Optional.of("XFR-key."))).allowed());
    assertFalse(p.decide(request("example.com.", "192.0.2.1", Optional.of("other."))).allowed());

    TransferPolicy both = keyed(TransferAuthentication.ADDRESS_AND_KEY);
    assertTrue(
        both.decide(request("example.com.", "192.0.2.1", Optional.of("xfr-key."))).allowed());
    assertFalse(
        both.decide(request("example.com.", "198.51.100.9", Optional.of("xfr-key."))).allowed());
    assertFalse(both.decide(request("example.com.", "192.0.2.1", Optional.empty())).allowed());
    TransferDecision d = both.decide(request("example.com.", "192.0.2.1", Optional.of("xfr-key.")));
    assertFalse(d.reason().contains(SECRET));
  }

  @Test
  void perZoneConfigurationsAreLookedUpPerRequest() throws Exception {
    Map<Name, SecondaryDnsConfiguration> store =
        Map.of(Name.fromString("example.com."), base().build());
    TransferPolicy p = TransferPolicy.fromConfigurations(z -> Optional.ofNullable(store.get(z)));
    assertTrue(p.decide(request("example.com.", "192.0.2.1", Optional.empty())).allowed());
    assertFalse(p.decide(request("example.net.", "192.0.2.1", Optional.empty())).allowed());
  }

  /**
   * The reason of a plain TCP transfer allowed by an ACL entry alone is made once per entry (the
   * policy decides every transfer: writing the entry out each time was about a kilobyte of garbage
   * per transfer); its text is as before, and the reasons that name a key or TLS are made as
   * before.
   */
  @Test
  void theReasonOfATransferAllowedByAnAclEntryIsMadeOncePerEntry() throws Exception {
    Map<Name, SecondaryDnsConfiguration> store =
        Map.of(
            Name.fromString("example.com."),
            base().build(),
            Name.fromString("example.org."),
            base().zone("example.org").build());
    TransferPolicy p = TransferPolicy.fromConfigurations(z -> Optional.ofNullable(store.get(z)));
    TransferDecision first = p.decide(request("example.com.", "192.0.2.77", Optional.empty()));
    assertEquals("allowed by ACL entry 192.0.2.0/24 (provider)", first.reason());
    TransferDecision again = p.decide(request("example.org.", "192.0.2.78", Optional.empty()));
    assertSame(first.reason(), again.reason()); // an equal entry of another zone: one text
    TransferDecision other = p.decide(request("example.com.", "2001:db8::1", Optional.empty()));
    assertEquals("allowed by ACL entry 2001:db8::1", other.reason());

    TransferPolicy signed = keyed(TransferAuthentication.ADDRESS_AND_KEY);
    assertEquals(
        "allowed by ACL entry 192.0.2.0/24 (provider) and TSIG key xfr-key.",
        signed.decide(request("example.com.", "192.0.2.1", Optional.of("xfr-key."))).reason());
    TransferRequest overTls =
        new TransferRequest(
            new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40000),
            Name.fromString("example.com."),
            Type.AXFR,
            Transport.TLS,
            Optional.empty(),
            Optional.of(
                new TlsDetails(
                    "TLSv1.3", "TLS_AES_128_GCM_SHA256", TlsDetails.ALPN_DOT, Optional.empty())));
    assertEquals(
        "allowed by ACL entry 192.0.2.0/24 (provider) over TLS",
        TransferPolicy.fromConfiguration(
                base().xotPolicy(io.github.secdns.core.config.XotPolicy.ALLOWED).build())
            .decide(overTls)
            .reason());
  }

  /**
   * Deciding a plain TCP transfer allowed by an ACL entry writes nothing out: the reason is the one
   * made for the entry, and the entry is not formatted on the way (measured: about 110 octets per
   * decision, the decision and its optionals; with the entry written out, as e23be99 did, about
   * 1,170).
   */
  @Test
  void aTransferAllowedByAnAclEntryIsDecidedWithoutWritingTheEntryOut() throws Exception {
    Map<Name, SecondaryDnsConfiguration> store =
        Map.of(Name.fromString("example.com."), base().build());
    TransferPolicy p = TransferPolicy.fromConfigurations(z -> Optional.ofNullable(store.get(z)));
    TransferRequest request = request("example.com.", "192.0.2.77", Optional.empty());
    long perDecision = Allocations.perCall(20_000, 2_000, () -> p.decide(request));
    assertTrue(perDecision < 400, perDecision + " octets per decision");
  }

  @Test
  void atMostSoManyReasonsAreKeptAndLaterEntriesStillGetTheirs() {
    AllowReasons reasons = new AllowReasons();
    for (int i = 0; i < AllowReasons.MAX_KEPT + 10; i++) {
      AclEntry entry =
          new AclEntry(
              AddressPrefix.parse("10." + (i >> 8) + "." + (i & 0xFF) + ".1"), Optional.empty());
      assertEquals("allowed by ACL entry " + entry.prefix(), reasons.allowedBy(entry));
    }
    assertEquals(AllowReasons.MAX_KEPT, reasons.kept());
    AclEntry late = new AclEntry(AddressPrefix.parse("10.99.99.1"), Optional.empty());
    assertNotSame(reasons.allowedBy(late), reasons.allowedBy(late)); // made each time, not kept
  }
}
