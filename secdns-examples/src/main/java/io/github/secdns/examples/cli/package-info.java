/**
 * The {@code secdns} command line: {@code serve} (an embedded primary that secondaries can transfer
 * from), {@code plan} (what enabling, editing or disabling Secondary DNS changes), {@code presets}
 * (the provider presets found) and {@code check} (diagnostics of a zone's Secondary DNS setup).
 *
 * <p>{@link io.github.secdns.examples.cli.Main#run} runs a command in-process with the given output
 * streams and returns the exit code, so that tests and other programs can drive it without {@code
 * System.exit}. Nothing here falls back to the system resolver: every address is a literal or comes
 * from a table given on the command line.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.examples.cli;

import javax.annotation.ParametersAreNonnullByDefault;
