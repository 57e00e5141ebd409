package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.ZoneNames;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import org.xbill.DNS.Name;

/** The zones the interop tests serve, as snapshots of the shared generator's zones. */
final class InteropZones {

  /** The zone: lower case at the apex, as hosting applications name zones; mixed case below. */
  static final Name ZONE = ZoneNames.absolute("interop.test");

  static final int GROUPS = 300;
  static final long SEED = 20261124L;
  static final long FIRST_SERIAL = 2026112401L;

  private InteropZones() {}

  /** About 2,900 records of every common type, letter case mixed. */
  static ZoneSnapshot firstVersion() {
    return snapshot(ZoneGenerator.mixedCase(ZONE, FIRST_SERIAL, GROUPS, SEED));
  }

  /** The next serial: one A changed, one TXT removed, one added, one changed in case only. */
  static ZoneSnapshot nextVersion(ZoneSnapshot previous, int step) {
    return snapshot(
        ZoneGenerator.nextVersion(new GeneratedZone(previous.soa(), previous.records()), step));
  }

  /** A zone of exactly {@code size} records with a hosting provider's mix of types. */
  static ZoneSnapshot large(int size) {
    return snapshot(ZoneGenerator.sized(ZONE, size, FIRST_SERIAL, SEED));
  }

  /** The next serial of a large zone: one A record changed. */
  static ZoneSnapshot withOneChange(ZoneSnapshot previous, int index) {
    return snapshot(
        ZoneGenerator.withOneChange(new GeneratedZone(previous.soa(), previous.records()), index));
  }

  static ZoneSnapshot snapshot(GeneratedZone zone) {
    return ZoneSnapshot.of(zone.soa(), zone.records());
  }
}
