package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.injectionContext;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server the STARTTLS command-injection check (CVE-2011-0411 class) did not prove safe: found
 * vulnerable, inconclusive, or not checked. It quotes the check's detail and transcript.
 *
 * <pre>
 * Expecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)
 * but it was: the server answered NOOP, sent in clear with the upgrade command, inside TLS
 * Injection check transcript (NOOP pipelined with the upgrade command, 9 lines):
 *   S: 220 front.test ESMTP
 *   …
 *   C: STARTTLS
 *   C: NOOP
 *   S: 220 go ahead
 *   C (tls): EHLO tlsprobe.invalid
 *   S (tls): 250 2.0.0 Ok
 * Connection: 127.0.0.1:2525 (starttls:smtp): established, …, injection VULNERABLE
 * </pre>
 */
public final class ShouldNotBeVulnerableToStartTlsInjection extends BasicErrorMessageFactory {

  private ShouldNotBeVulnerableToStartTlsInjection(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, whose check found the server vulnerable, could not tell, or was not run. */
  public static ErrorMessageFactory shouldNotBeVulnerableToStartTlsInjection(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    Optional<InjectionCheck> check = phase.injection();
    if (check.isEmpty()) {
      return new ShouldNotBeVulnerableToStartTlsInjection(
          "%nExpecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)%n"
              + "but the check was not run (%s)%s",
          ShouldHaveBeenCheckedForStartTlsInjection.WHY_NOT_RUN, context(phase, report));
    }
    InjectionCheck c = check.get();
    String found = switch (c.verdict()) {
      case VULNERABLE -> "it was: ";
      case INCONCLUSIVE -> "the check was inconclusive: ";
      case NOT_VULNERABLE -> "the check found it not vulnerable: ";
    };
    return new ShouldNotBeVulnerableToStartTlsInjection(
        "%nExpecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)%nbut %s%s",
        found + c.detail(), injectionContext(c, phase, report));
  }
}
