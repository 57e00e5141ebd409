package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

class CaseSensitiveCompressorTest {

  private static Name read(byte[] message, int offset) throws Exception {
    DNSInput in = new DNSInput(message);
    in.jump(offset);
    return new Name(in);
  }

  @Test
  void pointsOnlyToSuffixesWithIdenticalOctets() throws Exception {
    DNSOutput out = new DNSOutput();
    CaseSensitiveCompressor c = new CaseSensitiveCompressor(0);
    c.writeName(Name.fromString("WWW.Example.com."), out);
    int second = out.current();
    c.writeName(Name.fromString("www.example.com."), out);
    int third = out.current();
    c.writeName(Name.fromString("mail.Example.com."), out);
    byte[] wire = out.toByteArray();
    assertEquals("WWW.Example.com.", read(wire, 0).toString());
    assertEquals("www.example.com.", read(wire, second).toString());
    // "example.com." differs in case from "Example.com.": only "com." may be shared.
    assertEquals(1 + 3 + 1 + 7 + 2, third - second);
    assertEquals("mail.Example.com.", read(wire, third).toString());
    assertEquals(1 + 4 + 2, wire.length - third, "mail + pointer to Example.com.");
  }

  @Test
  void offsetsIncludeTheBaseAndStopAtThePointerLimit() throws Exception {
    DNSOutput out = new DNSOutput();
    CaseSensitiveCompressor c = new CaseSensitiveCompressor(WireSizes.MAX_POINTER + 1);
    Name name = Name.fromString("a.example.");
    c.writeName(name, out);
    c.writeName(name, out);
    assertArrayEquals(
        concat(name.toWire(), name.toWire()), out.toByteArray(), "no pointer past 16383");

    DNSOutput shifted = new DNSOutput();
    CaseSensitiveCompressor d = new CaseSensitiveCompressor(100);
    d.writeName(name, shifted);
    d.writeName(name, shifted);
    byte[] wire = shifted.toByteArray();
    assertEquals(0xC0, wire[wire.length - 2] & 0xFF);
    assertEquals(100, wire[wire.length - 1] & 0xFF);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
