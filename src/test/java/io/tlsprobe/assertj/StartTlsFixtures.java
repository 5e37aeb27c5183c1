package io.tlsprobe.assertj;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.wire.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plain-text phases and STARTTLS reports the assertion tests share, built by hand as a Postfix submission port would
 * produce them, so that messages can be compared on exact text.
 *
 * <pre>{@code
 * assertThat(StartTlsFixtures.smtpReport()).plainTextPhase().advertisedStartTls();
 * }</pre>
 */
public final class StartTlsFixtures {
  /** {@code localhost:587 (starttls:smtp)}. */
  public static final Endpoint SUBMISSION = new Endpoint("localhost", 587, Optional.empty(), "starttls:smtp");

  /** The injection check's detail when the server discarded the pipelined command. */
  public static final String DISCARDED = "the server discarded NOOP, sent in clear with the upgrade command: its first"
      + " answer inside TLS was to our own command";

  /** The injection check's detail when the server answered it inside TLS. */
  public static final String ANSWERED = "the server answered NOOP, sent in clear with the upgrade command, inside TLS";

  /** The summary of {@link #smtpReport()}. */
  public static final String SMTP_SUMMARY = "localhost:587 (starttls:smtp): established, TLSv1.3,"
      + " TLS_AES_128_GCM_SHA256 (128 bits), group x25519, compression null, ALPN h2, certificate CN=localhost (EC 256 secp256r1, until"
      + " 2026-04-01T00:00:00Z), trusted, starttls:smtp, upgraded, STARTTLS advertised, authentication offered before"
      + " TLS (AUTH PLAIN LOGIN in the EHLO reply before TLS), injection NOT_VULNERABLE";

  /** How a message shows the transcript of {@link #smtpPhase()}. */
  public static final List<String> SMTP_TRANSCRIPT = List.of(
      "Transcript (starttls:smtp, 10 lines):",
      "  S: 220 mail.test ESMTP Postfix",
      "  C: EHLO tlsprobe.invalid",
      "  S: 250-mail.test",
      "  S: 250-STARTTLS",
      "  S: 250 AUTH PLAIN LOGIN",
      "  C: STARTTLS",
      "  S: 220 2.0.0 Ready to start TLS",
      "  C (tls): EHLO tlsprobe.invalid",
      "  S (tls): 250-mail.test",
      "  S (tls): 250 AUTH PLAIN LOGIN");

  /** How a message shows the transcript of {@link #injection}. */
  public static List<String> injectionTranscript(InjectionVerdict verdict) {
    return List.of(
        "Injection check transcript (NOOP pipelined with the upgrade command, 8 lines):",
        "  S: 220 mail.test ESMTP Postfix",
        "  C: EHLO tlsprobe.invalid",
        "  S: 250 STARTTLS",
        "  C: STARTTLS",
        "  C: NOOP",
        "  S: 220 2.0.0 Ready to start TLS",
        "  C (tls): EHLO tlsprobe.invalid",
        "  S (tls): " + (verdict == InjectionVerdict.VULNERABLE ? "250 2.0.0 Ok" : "250-mail.test"));
  }

  private StartTlsFixtures() {}

  /**
   * A failure message as AssertJ renders them ({@link Fixtures#message}), from lines and lists of lines in order.
   */
  public static String message(Object... parts) {
    List<String> lines = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(l -> lines.add((String) l));
      } else {
        lines.add((String) part);
      }
    }
    return Fixtures.message(lines.toArray(String[]::new));
  }

  /** A builder with Postfix's plain-text exchange up to its go-ahead, without capabilities or verdicts. */
  public static PlainTextPhase.Builder smtpConversation() {
    return PlainTextPhase.builder("smtp")
        .line(Direction.SERVER, false, "220 mail.test ESMTP Postfix")
        .line(Direction.CLIENT, false, "EHLO tlsprobe.invalid")
        .line(Direction.SERVER, false, "250-mail.test")
        .line(Direction.SERVER, false, "250-STARTTLS")
        .line(Direction.SERVER, false, "250 AUTH PLAIN LOGIN")
        .line(Direction.CLIENT, false, "STARTTLS")
        .line(Direction.SERVER, false, "220 2.0.0 Ready to start TLS")
        .greeting("220 mail.test ESMTP Postfix");
  }

  /**
   * Postfix on 587: STARTTLS and {@code AUTH PLAIN LOGIN} advertised in clear, upgraded, EHLO again inside TLS, the
   * injection check NOT_VULNERABLE.
   */
  public static PlainTextPhase smtpPhase() {
    return smtpConversation()
        .line(Direction.CLIENT, true, "EHLO tlsprobe.invalid")
        .line(Direction.SERVER, true, "250-mail.test")
        .line(Direction.SERVER, true, "250 AUTH PLAIN LOGIN")
        .capabilitiesBefore(List.of("STARTTLS", "AUTH PLAIN LOGIN"))
        .capabilitiesAfter(List.of("AUTH PLAIN LOGIN"))
        .startTlsAdvertised(true)
        .plainTextAuthenticationOffered(true)
        .authenticationEvidence("AUTH PLAIN LOGIN in the EHLO reply before TLS")
        .upgraded(true)
        .injection(injection(InjectionVerdict.NOT_VULNERABLE, DISCARDED))
        .build();
  }

  /** {@link #smtpPhase()} with the injection check's verdict and detail replaced, or removed for a null verdict. */
  public static PlainTextPhase withInjection(@Nullable InjectionVerdict verdict, String detail) {
    return smtpPhase().toBuilder().injection(verdict == null ? null : injection(verdict, detail)).build();
  }

  /** The injection check's connection: {@code STARTTLS} and {@code NOOP} in one packet, then EHLO inside TLS. */
  public static InjectionCheck injection(InjectionVerdict verdict, String detail) {
    return new InjectionCheck(verdict, "NOOP", detail, List.of(
        new Line(Direction.SERVER, false, "220 mail.test ESMTP Postfix"),
        new Line(Direction.CLIENT, false, "EHLO tlsprobe.invalid"),
        new Line(Direction.SERVER, false, "250 STARTTLS"),
        new Line(Direction.CLIENT, false, "STARTTLS"),
        new Line(Direction.CLIENT, false, "NOOP"),
        new Line(Direction.SERVER, false, "220 2.0.0 Ready to start TLS"),
        new Line(Direction.CLIENT, true, "EHLO tlsprobe.invalid"),
        new Line(Direction.SERVER, true, verdict == InjectionVerdict.VULNERABLE ? "250 2.0.0 Ok" : "250-mail.test")));
  }

  /**
   * A real report: probes a {@link SmtpFront} built by {@code front} with STARTTLS SMTP (and the injection check),
   * then stops the front.
   */
  public static TlsConnectionReport probe(SmtpFront.Builder front) throws Exception {
    try (SmtpFront server = front.start()) {
      return TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port()).startTls(StartTls.SMTP)
          .timeout(Duration.ofSeconds(5)).build());
    }
  }

  /** The established TLS 1.3 connection of {@link Fixtures#tls13()} on {@link #SUBMISSION}, with {@code phase}. */
  public static TlsConnectionReport smtpReport(PlainTextPhase phase) {
    return Fixtures.tls13().toBuilder().endpoint(SUBMISSION).plainTextPhase(phase).build();
  }

  /** {@link #smtpReport(PlainTextPhase)} of {@link #smtpPhase()}. */
  public static TlsConnectionReport smtpReport() {
    return smtpReport(smtpPhase());
  }

  /** A server on {@link #SUBMISSION} that refused STARTTLS with {@code 454}: outcome {@code starttls_failed}. */
  public static TlsConnectionReport refusedReport() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.SERVER, false, "220 mail.test ESMTP Postfix")
        .line(Direction.CLIENT, false, "EHLO tlsprobe.invalid")
        .line(Direction.SERVER, false, "250-mail.test")
        .line(Direction.SERVER, false, "250 STARTTLS")
        .line(Direction.CLIENT, false, "STARTTLS")
        .line(Direction.SERVER, false, "454 4.7.0 TLS not available")
        .greeting("220 mail.test ESMTP Postfix")
        .capabilitiesBefore(List.of("STARTTLS"))
        .startTlsAdvertised(true)
        .plainTextAuthenticationOffered(false)
        .build();
    return TlsConnectionReport.builder(SUBMISSION,
            Outcome.startTlsFailed("server refused STARTTLS: 454 4.7.0 TLS not available", Bytes.empty()))
        .startedAt(Fixtures.NOW)
        .plainTextPhase(phase)
        .build();
  }
}
