package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  /** Names that share suffixes, differ only in case, repeat, and the root. */
  private static final Name[] POOL = {
    Name.fromConstantString("example.com."),
    Name.fromConstantString("www.example.com."),
    Name.fromConstantString("WWW.example.com."),
    Name.fromConstantString("mail.Example.com."),
    Name.fromConstantString("a.b.c.example.com."),
    Name.fromConstantString("b.c.example.com."),
    Name.fromConstantString("com."),
    Name.fromConstantString("other.org."),
    Name.root
  };

  @Test
  void writesWhatTheLongestIdenticalSuffixSearchGivesForAnySequenceOfNames() {
    // Each step: -1 starts a new message, else a name of the pool (often the one before again).
    // The compressor is sized for some message size first, or not (-1): tables that start small
    // grow during the sequence, big ones do not, and the output must not tell them apart.
    qt().forAll(
            lists().of(integers().between(-1, POOL.length * 2 - 1)).ofSizeBetween(1, 80),
            integers().between(0, WireSizes.MAX_POINTER + 40),
            integers().between(-1, WireSizes.MAX_MESSAGE + 1000))
        .checkAssert(
            (steps, base, sizedFor) -> {
              CaseSensitiveCompressor c =
                  sizedFor < 0
                      ? new CaseSensitiveCompressor(base)
                      : new CaseSensitiveCompressor(base, sizedFor);
              Reference r = new Reference(base);
              byte[] out = new byte[256];
              int position = 0;
              int previous = 0;
              for (int step : steps) {
                if (step < 0) {
                  c.reset(base);
                  r.reset();
                  position = 0;
                  continue;
                }
                // Half the steps repeat the name before: the case a zone's owners give most.
                int pick = step >= POOL.length ? previous : step;
                previous = pick;
                byte[] wire = POOL[pick].toWire();
                byte[] expected = r.write(wire, position);
                if (position + wire.length > out.length) {
                  out = Arrays.copyOf(out, out.length * 2 + wire.length);
                }
                int n = c.writeName(wire, 0, out, position, position);
                assertArrayEquals(
                    expected,
                    Arrays.copyOfRange(out, position, position + n),
                    "name " + POOL[pick] + " at " + position + " after " + steps);
                position += n;
              }
            });
  }

  /** The search spelled out: a list of (suffix octets, offset), scanned whole for each name. */
  private static final class Reference {
    private final int base;
    private final List<byte[]> suffixes = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();

    Reference(int base) {
      this.base = base;
    }

    void reset() {
      suffixes.clear();
      offsets.clear();
    }

    byte[] write(byte[] wire, int position) {
      List<Integer> starts = new ArrayList<>();
      for (int k = 0; wire[k] != 0; k += (wire[k] & 0xFF) + 1) {
        starts.add(k);
      }
      for (int i = 0; i < starts.size(); i++) {
        byte[] suffix = Arrays.copyOfRange(wire, starts.get(i), wire.length);
        for (int t = 0; t < suffixes.size(); t++) {
          if (Arrays.equals(suffixes.get(t), suffix)) {
            addTargets(wire, starts, i, position);
            byte[] out = Arrays.copyOf(wire, starts.get(i) + 2);
            out[starts.get(i)] = (byte) (0xC0 | (offsets.get(t) >> 8));
            out[starts.get(i) + 1] = (byte) (int) offsets.get(t);
            return out;
          }
        }
      }
      addTargets(wire, starts, starts.size(), position);
      return wire.clone();
    }

    private void addTargets(byte[] wire, List<Integer> starts, int before, int position) {
      for (int i = 0; i < before; i++) {
        int here = base + position + starts.get(i);
        if (here <= WireSizes.MAX_POINTER) {
          suffixes.add(Arrays.copyOfRange(wire, starts.get(i), wire.length));
          offsets.add(here);
        }
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
