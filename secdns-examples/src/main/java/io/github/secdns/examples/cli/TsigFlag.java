package io.github.secdns.examples.cli;

import java.util.Optional;
import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/** The TSIG key flag ({@code --tsig}), one definition for {@code serve} and {@code host enable}. */
final class TsigFlag {

  @Option(
      names = "--tsig",
      paramLabel = "ALGORITHM:NAME:BASE64SECRET",
      description =
          "require this TSIG key for transfers (with --allow: from those addresses only) and sign"
              + " NOTIFY with it")
  @Nullable
  String tsig;

  /**
   * The key given, checked.
   *
   * @throws UsageException one line that never repeats the secret
   */
  Optional<ServeOptions.Tsig> key() throws UsageException {
    return tsig == null ? Optional.empty() : Optional.of(ServeOptions.tsig(tsig));
  }
}
