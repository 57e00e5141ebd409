package io.github.secdns.axfr;

import java.util.Objects;

/**
 * A transfer that started but did not complete: the client went away, the whole-transfer deadline
 * passed, the responder closed, or the version could not be rendered.
 *
 * @param soFar what had been sent when it failed
 * @param reason what went wrong, for logs
 */
public record TransferFailure(TransferStats soFar, String reason) {

  /** Checks that no component is null. */
  public TransferFailure {
    Objects.requireNonNull(soFar, "soFar");
    Objects.requireNonNull(reason, "reason");
  }
}
