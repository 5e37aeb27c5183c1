package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldAdvertiseStartTls.shouldAdvertiseStartTls;
import static io.tlsprobe.assertj.error.ShouldBeUpgraded.shouldBeUpgraded;
import static io.tlsprobe.assertj.error.ShouldContinueWithoutTls.shouldContinueWithoutTls;
import static io.tlsprobe.assertj.error.ShouldHaveBeenCheckedForStartTlsInjection.shouldHaveBeenCheckedForStartTlsInjection;
import static io.tlsprobe.assertj.error.ShouldHaveCapability.shouldHaveCapabilityAfterTls;
import static io.tlsprobe.assertj.error.ShouldHaveCapability.shouldHaveCapabilityBeforeTls;
import static io.tlsprobe.assertj.error.ShouldHaveGreeting.shouldHaveGreetingContaining;
import static io.tlsprobe.assertj.error.ShouldHaveStartTlsInjectionVerdict.shouldHaveStartTlsInjectionVerdict;
import static io.tlsprobe.assertj.error.ShouldNotAdvertiseStartTls.shouldNotAdvertiseStartTls;
import static io.tlsprobe.assertj.error.ShouldNotBeVulnerableToStartTlsInjection.shouldNotBeVulnerableToStartTlsInjection;
import static io.tlsprobe.assertj.error.ShouldOfferAuthenticationBeforeTls.shouldOfferAuthenticationBeforeTls;
import static io.tlsprobe.assertj.error.ShouldOfferNoAuthenticationBeforeTls.shouldOfferNoAuthenticationBeforeTls;
import static io.tlsprobe.assertj.error.ShouldSendNoCredentialsBeforeTls.shouldSendNoCredentialsBeforeTls;
import static io.tlsprobe.assertj.error.ShouldSendNoCredentialsBeforeTls.shouldSendNoCredentialsBeforeTlsButUnknown;
import static io.tlsprobe.assertj.error.ShouldStopWithoutTls.shouldStopWithoutTls;
import static io.tlsprobe.assertj.error.ShouldStopWithoutTls.shouldStopWithoutTlsButUpgraded;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what crossed in clear before a STARTTLS upgrade ({@link PlainTextPhase}): whether the server
 * advertised the upgrade and agreed to it, whether it offered authentication in clear, whether a client sent
 * credentials in clear, its greeting and capabilities, and the STARTTLS command-injection check. Each failure quotes
 * the transcript (cut to the first and last lines of a long one) and, for a phase reached from a report, the whole
 * connection.
 *
 * <pre>{@code
 * assertThat(report).plainTextPhase()
 *     .wasUpgraded()
 *     .advertisedStartTls()
 *     .offeredNoAuthenticationBeforeTls()
 *     .hasCapabilityAfterTls("AUTH")
 *     .isNotVulnerableToStartTlsInjection();
 * }</pre>
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractPlainTextPhaseAssert<SELF extends AbstractPlainTextPhaseAssert<SELF>>
    extends AbstractAssert<SELF, PlainTextPhase> {

  private @Nullable TlsConnectionReport report;
  private boolean skipping;

  /**
   * For subclasses, as AssertJ's {@code AbstractAssert}.
   *
   * @param actual the plain-text phase
   * @param selfType the concrete assert class
   */
  protected AbstractPlainTextPhaseAssert(@Nullable PlainTextPhase actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The report this phase came from, shown in every failure. */
  SELF inContext(@Nullable TlsConnectionReport report) {
    this.report = report;
    return myself;
  }

  /** Makes every assertion of this class do nothing: a soft navigation found no phase and said so already. */
  SELF skippingAssertions() {
    this.skipping = true;
    return myself;
  }

  /**
   * Verifies that the server advertised the upgrade in clear (SMTP {@code STARTTLS} in EHLO, IMAP {@code STARTTLS}
   * in CAPABILITY, POP3 {@code STLS} in CAPA, FTP {@code AUTH TLS} in FEAT …). Fails when the phase does not say,
   * as for protocols with no such announcement (LDAP, PostgreSQL, MySQL).
   *
   * <pre>{@code
   * assertThat(postfixReport).plainTextPhase().advertisedStartTls(); // passes: 250-STARTTLS
   * assertThat(notAdvertisingReport).plainTextPhase().advertisedStartTls(); // fails, listing the capabilities
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the server did not advertise the upgrade, or whether it did is unknown
   */
  public SELF advertisedStartTls() {
    if (check() && !actual.startTlsAdvertised().equals(Optional.of(true))) {
      throwAssertionError(shouldAdvertiseStartTls(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the server did not advertise the upgrade (a STARTTLS-stripping scenario, or a port meant for
   * implicit TLS only). Fails when the phase does not say.
   *
   * <pre>{@code
   * assertThat(strippedReport).plainTextPhase().didNotAdvertiseStartTls(); // passes
   * assertThat(postfixReport).plainTextPhase().didNotAdvertiseStartTls();  // fails: it did, capabilities listed
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the server advertised the upgrade, or whether it did is unknown
   */
  public SELF didNotAdvertiseStartTls() {
    if (check() && !actual.startTlsAdvertised().equals(Optional.of(false))) {
      throwAssertionError(shouldNotAdvertiseStartTls(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the server offered no authentication in clear, before TLS: no SMTP {@code AUTH} in EHLO, IMAP
   * {@code LOGINDISABLED}, no POP3 {@code USER}, FTP refusing {@code USER} before {@code AUTH}. The failure quotes
   * the evidence the dialect recorded; when the phase does not say, it fails saying so.
   *
   * <pre>{@code
   * assertThat(hardenedReport).plainTextPhase().offeredNoAuthenticationBeforeTls(); // passes
   * assertThat(report).plainTextPhase().offeredNoAuthenticationBeforeTls();
   * // fails: AUTH PLAIN LOGIN in the EHLO reply before TLS
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if authentication was offered in clear, or whether it was is unknown
   */
  public SELF offeredNoAuthenticationBeforeTls() {
    if (check() && !actual.plainTextAuthenticationOffered().equals(Optional.of(false))) {
      throwAssertionError(shouldOfferNoAuthenticationBeforeTls(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the server offered authentication in clear, before TLS, to document a legacy server.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase().offeredAuthenticationBeforeTls();         // passes: AUTH PLAIN in EHLO
   * assertThat(hardenedReport).plainTextPhase().offeredAuthenticationBeforeTls(); // fails: it offered none
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no authentication was offered in clear, or whether it was is unknown
   */
  public SELF offeredAuthenticationBeforeTls() {
    if (check() && !actual.plainTextAuthenticationOffered().equals(Optional.of(true))) {
      throwAssertionError(shouldOfferAuthenticationBeforeTls(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the client (the probe, or a client under test talking to a capture server) sent no credentials in
   * clear: no {@code USER}/{@code PASS}, {@code APOP}, {@code AUTH <mechanism>} (FTP's {@code AUTH TLS} is the
   * upgrade, not credentials), {@code LOGIN}, {@code AUTHENTICATE}, {@code AUTHINFO}, SASL responses, XMPP
   * {@code <auth>}, a PostgreSQL password message, an LDAP bind or a MySQL handshake response, on any line before TLS.
   * The failure lists the lines with their secrets masked. The probe itself never sends credentials.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls();          // passes: the probe sends none
   * assertThat(leakyClientPhase).sentNoCredentialsBeforeTls();
   * // fails: C: USER *** (a user name), C: PASS *** (a password)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a line before TLS carries credentials, or the transcript was cut off before TLS began
   */
  public SELF sentNoCredentialsBeforeTls() {
    if (!check()) {
      return myself;
    }
    List<Credentials.Finding> found = Credentials.find(actual);
    if (!found.isEmpty()) {
      throwAssertionError(shouldSendNoCredentialsBeforeTls(Credentials.masked(actual, found),
          found.stream().map(Credentials.Finding::toString).toList(), report));
    }
    if (Credentials.cutBeforeTls(actual)) {
      throwAssertionError(shouldSendNoCredentialsBeforeTlsButUnknown(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the client stopped once STARTTLS was refused or stripped (a capture server's {@code REFUSED} or
   * {@code NOT_ADVERTISED} front): after its refused upgrade command, or from the start when the upgrade was not
   * advertised, it sent nothing in clear but {@code QUIT}, {@code LOGOUT}, capability queries ({@code EHLO}, {@code
   * CAPABILITY}, {@code CAPA}, {@code FEAT}) or the upgrade command. The failure lists what it sent instead,
   * credentials masked. Also fails when the server agreed to start TLS, since nothing was refused.
   *
   * <pre>{@code
   * assertThat(requiredClientReport).plainTextPhase().clientStoppedWithoutTls(); // passes: C: CAPA, C: QUIT
   * assertThat(enabledClientReport).plainTextPhase().clientStoppedWithoutTls();
   * // fails: C: USER *** (a user name), C: PASS *** (a password), C: STAT …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the client carried on in clear, or the phase was upgraded
   */
  public SELF clientStoppedWithoutTls() {
    if (!check()) {
      return myself;
    }
    if (actual.upgraded()) {
      throwAssertionError(shouldStopWithoutTlsButUpgraded(actual, report));
    }
    List<String> continued = ClearTextContinuation.find(actual);
    if (!continued.isEmpty()) {
      throwAssertionError(shouldStopWithoutTls(Credentials.masked(actual, Credentials.find(actual)), continued,
          report));
    }
    return myself;
  }

  /**
   * Verifies that the client carried on in clear once STARTTLS was refused or stripped, to document a weak client
   * (the opposite of {@link #clientStoppedWithoutTls()}, lines counted the same way): it sent at least one line in
   * clear other than {@code QUIT}, {@code LOGOUT}, a capability query or the upgrade command. Fails too when the
   * server agreed to start TLS.
   *
   * <pre>{@code
   * assertThat(enabledClientReport).plainTextPhase().clientContinuedWithoutTls();  // passes: it logged in in clear
   * assertThat(requiredClientReport).plainTextPhase().clientContinuedWithoutTls(); // fails: it only sent QUIT
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the client stopped, or the phase was upgraded
   */
  public SELF clientContinuedWithoutTls() {
    if (check() && (actual.upgraded() || ClearTextContinuation.find(actual).isEmpty())) {
      throwAssertionError(shouldContinueWithoutTls(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the server agreed to start TLS (SMTP {@code 220}, IMAP {@code OK}, PostgreSQL {@code S} …). The
   * handshake after it may still have failed: combine with {@code assertThat(report).isEstablished()}.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase().wasUpgraded();        // passes: 220 2.0.0 Ready to start TLS
   * assertThat(refusedReport).plainTextPhase().wasUpgraded(); // fails: server refused STARTTLS: 454 …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the server did not give its go-ahead
   */
  public SELF wasUpgraded() {
    if (check() && !actual.upgraded()) {
      throwAssertionError(shouldBeUpgraded(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the server's first message contains {@code text} (case-sensitive), e.g. to pin the software.
   *
   * <pre>{@code
   * assertThat(postfixReport).plainTextPhase().hasGreetingContaining("ESMTP Postfix"); // passes
   * assertThat(postfixReport).plainTextPhase().hasGreetingContaining("Exim");          // fails, quoting the greeting
   * }</pre>
   *
   * @param text what the greeting must contain
   * @return this assertion object
   * @throws AssertionError if the greeting lacks {@code text} or the server sent none
   */
  public SELF hasGreetingContaining(String text) {
    requireNonNull(text, "text");
    if (check() && !actual.greeting().map(g -> g.contains(text)).orElse(false)) {
      throwAssertionError(shouldHaveGreetingContaining(actual, text, report));
    }
    return myself;
  }

  /**
   * Verifies that the server announced {@code capability} in clear. A capability matches when it equals {@code
   * capability} ignoring case, or starts with it followed by a space or {@code =}: {@code "AUTH"} matches {@code
   * AUTH PLAIN LOGIN} (SMTP) and {@code AUTH=PLAIN} (IMAP), {@code "SIZE"} matches {@code SIZE 10240000}.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase().hasCapabilityBeforeTls("STARTTLS"); // passes for an advertising server
   * assertThat(report).plainTextPhase().hasCapabilityBeforeTls("SMTPUTF8"); // fails, listing the capabilities
   * }</pre>
   *
   * @param capability a keyword, or a keyword and its leading parameters
   * @return this assertion object
   * @throws AssertionError if no capability announced before TLS matches
   */
  public SELF hasCapabilityBeforeTls(String capability) {
    String wanted = capability(capability);
    if (check() && !announces(actual.capabilitiesBefore(), wanted)) {
      throwAssertionError(shouldHaveCapabilityBeforeTls(actual, wanted, report));
    }
    return myself;
  }

  /**
   * Verifies that the server announced {@code capability} again over TLS (the probe asks after the handshake), e.g.
   * that {@code AUTH} appears once the connection is protected. Matching as in {@link
   * #hasCapabilityBeforeTls(String)}.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase().hasCapabilityAfterTls("AUTH");     // passes: 250 AUTH PLAIN inside TLS
   * assertThat(report).plainTextPhase().hasCapabilityAfterTls("STARTTLS"); // fails: no longer offered over TLS
   * }</pre>
   *
   * @param capability a keyword, or a keyword and its leading parameters
   * @return this assertion object
   * @throws AssertionError if no capability announced after TLS matches
   */
  public SELF hasCapabilityAfterTls(String capability) {
    String wanted = capability(capability);
    if (check() && !announces(actual.capabilitiesAfter(), wanted)) {
      throwAssertionError(shouldHaveCapabilityAfterTls(actual, wanted, report));
    }
    return myself;
  }

  /**
   * Verifies that the STARTTLS command-injection check (CVE-2011-0411 class) found the server {@code NOT_VULNERABLE}.
   * Strict: it also fails when the check was not run or was {@code INCONCLUSIVE}, since then nothing proves the
   * server safe; the failure quotes the check's detail and transcript. To accept an inconclusive check, use {@link
   * #hasStartTlsInjectionVerdictIn(InjectionVerdict...)} with {@code NOT_VULNERABLE, INCONCLUSIVE}.
   *
   * <pre>{@code
   * assertThat(postfixReport).plainTextPhase().isNotVulnerableToStartTlsInjection(); // passes
   * assertThat(buggyReport).plainTextPhase().isNotVulnerableToStartTlsInjection();
   * // fails: the server answered NOOP, sent in clear with the upgrade command, inside TLS
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the check found the server vulnerable, could not tell, or was not run
   */
  public SELF isNotVulnerableToStartTlsInjection() {
    if (check() && !verdictIs(actual, InjectionVerdict.NOT_VULNERABLE)) {
      throwAssertionError(shouldNotBeVulnerableToStartTlsInjection(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the STARTTLS command-injection check was run, whatever it found.
   *
   * <pre>{@code
   * assertThat(smtpReport).plainTextPhase().wasCheckedForStartTlsInjection();     // passes: SMTP has the check
   * assertThat(postgresReport).plainTextPhase().wasCheckedForStartTlsInjection(); // fails: no line commands
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the phase holds no injection check
   */
  public SELF wasCheckedForStartTlsInjection() {
    if (check() && actual.injection().isEmpty()) {
      throwAssertionError(shouldHaveBeenCheckedForStartTlsInjection(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the STARTTLS command-injection check ran and found {@code verdict}. On failure, IDEs can show
   * both verdicts side by side.
   *
   * <pre>{@code
   * assertThat(buggyFrontReport).plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.VULNERABLE); // passes
   * assertThat(postfixReport).plainTextPhase().hasStartTlsInjectionVerdict(InjectionVerdict.VULNERABLE);    // fails
   * }</pre>
   *
   * @param verdict the verdict the check must have reached
   * @return this assertion object
   * @throws AssertionError if the check reached another verdict or was not run
   */
  public SELF hasStartTlsInjectionVerdict(InjectionVerdict verdict) {
    requireNonNull(verdict, "verdict");
    if (check() && !verdictIs(actual, verdict)) {
      throw failureWithActualExpected(actual.injection().map(i -> i.verdict().name()).orElse(null), verdict.name(),
          "%s", shouldHaveStartTlsInjectionVerdict(actual, List.of(verdict), report).create());
    }
    return myself;
  }

  /**
   * Verifies that the STARTTLS command-injection check ran and found one of {@code verdicts}; with {@code
   * NOT_VULNERABLE, INCONCLUSIVE} it tolerates a check that could not tell but still fails on {@code VULNERABLE}.
   *
   * <pre>{@code
   * assertThat(report).plainTextPhase()
   *     .hasStartTlsInjectionVerdictIn(InjectionVerdict.NOT_VULNERABLE, InjectionVerdict.INCONCLUSIVE); // passes
   * assertThat(buggyFrontReport).plainTextPhase()
   *     .hasStartTlsInjectionVerdictIn(InjectionVerdict.NOT_VULNERABLE, InjectionVerdict.INCONCLUSIVE); // fails
   * }</pre>
   *
   * @param verdicts the acceptable verdicts, at least one
   * @return this assertion object
   * @throws AssertionError if the check reached another verdict or was not run
   */
  public SELF hasStartTlsInjectionVerdictIn(InjectionVerdict... verdicts) {
    requireNonNull(verdicts, "verdicts");
    if (verdicts.length == 0) {
      throw new IllegalArgumentException("verdicts must not be empty");
    }
    List<InjectionVerdict> allowed = List.copyOf(Arrays.asList(verdicts));
    if (check() && !actual.injection().map(i -> allowed.contains(i.verdict())).orElse(false)) {
      throwAssertionError(shouldHaveStartTlsInjectionVerdict(actual, allowed, report));
    }
    return myself;
  }

  /** Whether the assertion should run: not skipping, and {@code actual} is not null (else it fails). */
  private boolean check() {
    if (skipping) {
      return false;
    }
    isNotNull();
    return true;
  }

  static boolean verdictIs(PlainTextPhase phase, InjectionVerdict verdict) {
    return phase.injection().map(InjectionCheck::verdict).equals(Optional.of(verdict));
  }

  /**
   * Whether one of {@code announced} is {@code wanted} ignoring case, or starts with it and a space or {@code =}.
   */
  static boolean announces(List<String> announced, String wanted) {
    for (String c : announced) {
      String s = c.strip();
      if (s.equalsIgnoreCase(wanted) || s.length() > wanted.length() && s.regionMatches(true, 0, wanted, 0,
          wanted.length()) && (s.charAt(wanted.length()) == ' ' || s.charAt(wanted.length()) == '=')) {
        return true;
      }
    }
    return false;
  }

  private static String capability(String capability) {
    requireNonNull(capability, "capability");
    String wanted = capability.strip();
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("capability must not be blank");
    }
    return wanted;
  }
}
