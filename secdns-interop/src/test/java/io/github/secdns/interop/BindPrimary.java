package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import io.github.secdns.testsupport.servers.MasterFiles;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerKind;
import io.github.secdns.testsupport.servers.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A real BIND named as the primary, for the harness self-checks: it serves a zone file written from
 * the snapshot, computes IXFR from the differences between versions and sends NOTIFY at once.
 * {@link #publish} rewrites the file and sends SIGHUP, then waits until the new serial is served.
 */
final class BindPrimary implements PrimaryUnderTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(20);

  private final ServerProcess process;
  private final Path zoneFile;
  private final PrimarySettings settings;
  private Instant lastFileTime;

  private BindPrimary(
      ServerProcess process, Path zoneFile, PrimarySettings settings, Instant lastFileTime) {
    this.process = process;
    this.zoneFile = zoneFile;
    this.settings = settings;
    this.lastFileTime = lastFileTime;
  }

  /** Starts named at the settings' address (a free port unless given), serving {@code initial}. */
  static BindPrimary start(PrimarySettings settings, ZoneSnapshot initial) {
    try {
      Path dir = Files.createTempDirectory("secdns-named-primary-");
      Path zoneFile = dir.resolve("primary.zone");
      MasterFiles.write(initial.soa(), initial.records(), zoneFile);
      InetAddress address = settings.listenAddress();
      int port = settings.port() == 0 ? LoopbackPorts.free(address) : settings.port();
      ServerConfig config =
          ServerConfig.primary(dir, settings.zone(), address, port, zoneFile)
              .withTransferAcl(settings.transferAcl())
              .withNotifyTargets(settings.notifyTargets())
              .withVerboseLog()
              .withWorkers(1);
      if (settings.tsig().isPresent()) {
        config = config.withKey(settings.tsig().get());
      }
      ServerProcess process = ServerKind.BIND.start("BIND primary (named)", config, START_TIMEOUT);
      BindPrimary primary =
          new BindPrimary(
              process, zoneFile, settings, Files.getLastModifiedTime(zoneFile).toInstant());
      try {
        ZoneReadBack.awaitSerial(
            process, settings.zone(), initial.soa().getSerial(), START_TIMEOUT);
      } catch (RuntimeException | Error e) {
        primary.close();
        throw e;
      }
      return primary;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the BIND primary", e);
    }
  }

  @Override
  public InetSocketAddress endpoint() {
    return process.endpoint();
  }

  ServerProcess process() {
    return process;
  }

  @Override
  public void publish(ZoneSnapshot next) {
    MasterFiles.write(next.soa(), next.records(), zoneFile);
    // named skips a reload when the file is not newer than the last load; make sure it is, even
    // when two versions are written within the file system's time granularity.
    Instant stamp = Instant.now();
    if (!stamp.isAfter(lastFileTime.plusSeconds(1))) {
      stamp = lastFileTime.plusSeconds(1);
    }
    try {
      Files.setLastModifiedTime(zoneFile, FileTime.from(stamp));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lastFileTime = stamp;
    process.signal("HUP");
    ZoneReadBack.awaitSerial(process, settings.zone(), next.soa().getSerial(), RELOAD_TIMEOUT);
  }

  @Override
  public boolean ixfrKeepsNameCase() {
    return false;
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "BIND primary " + process;
  }
}
