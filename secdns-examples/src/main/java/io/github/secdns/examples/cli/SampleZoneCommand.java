package io.github.secdns.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sample-zone}: prints the bundled sample zone, to copy and serve with live edits. */
@Command(
    name = "sample-zone",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns sample-zone > example.com.zone",
    description = "print the bundled sample zone file")
final class SampleZoneCommand implements Callable<Integer> {

  @Parameters(hidden = true)
  List<String> unexpected = List.of();

  private final Io io;

  SampleZoneCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    if (!unexpected.isEmpty()) {
      throw new UsageException("sample-zone: takes no arguments");
    }
    io.out().print(ServedZone.sampleText());
    return ExitCode.OK;
  }
}
