package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What an external process left behind when {@link Interop#run(Duration, String...)} returned: its exit code, what
 * it printed, and whether it had to be killed for running past its timeout.
 *
 * <pre>{@code
 * ProcessResult result = Interop.run(Duration.ofSeconds(10), "openssl", "version");
 * assertThat(result.succeeded()).as(result.toString()).isTrue();
 * }</pre>
 *
 * @param command the command line that ran
 * @param exitCode the process's exit code; after a kill, whatever the operating system reported for it
 * @param stdout everything the process wrote on standard output, decoded as UTF-8
 * @param stderr everything the process wrote on standard error, decoded as UTF-8
 * @param timedOut whether the process (and its children) were killed because the timeout ran out
 * @param elapsed how long the call took, kill included
 */
public record ProcessResult(
    List<String> command, int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {

  /** Copies the command and checks that nothing is null. */
  public ProcessResult {
    command = List.copyOf(command);
    requireNonNull(stdout, "stdout");
    requireNonNull(stderr, "stderr");
    requireNonNull(elapsed, "elapsed");
  }

  /** Whether the process ended by itself with exit code 0. */
  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** The command, the outcome and both outputs: meant for assertion descriptions, so a CI log explains a failure. */
  @Override
  public String toString() {
    return String.join(" ", command)
        + (timedOut ? " timed out after " + elapsed.toMillis() + " ms" : " exited " + exitCode)
        + "\n--- stdout ---\n" + stdout
        + "\n--- stderr ---\n" + stderr;
  }
}
