package io.tlsprobe.assertj;

import io.tlsprobe.report.PlainTextPhase;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a STARTTLS plain-text phase; see {@link AbstractPlainTextPhaseAssert} for them all. Obtain one from a
 * report with {@code assertThat(report).plainTextPhase()}, which adds the connection to every failure, or from
 * {@link TlsAssertions#assertThat(PlainTextPhase)} for a phase alone.
 *
 * <pre>{@code
 * assertThat(report).plainTextPhase().advertisedStartTls().offeredNoAuthenticationBeforeTls();
 * }</pre>
 */
public class PlainTextPhaseAssert extends AbstractPlainTextPhaseAssert<PlainTextPhaseAssert> {

  /**
   * An assert on {@code actual} alone, without a report.
   *
   * @param actual the plain-text phase
   */
  public PlainTextPhaseAssert(@Nullable PlainTextPhase actual) {
    super(actual, PlainTextPhaseAssert.class);
  }
}
