package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.HostilePeer;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The IMAP, POP3 and ManageSieve injection checks through the probe, over real TLS, against small in-process fronts:
 * a buggy front keeps the line pipelined after the upgrade command and answers it inside TLS (the CVE-2011-0411 bug)
 * and is reported VULNERABLE; a sound one drops it and is reported NOT_VULNERABLE.
 */
class MailboxInjectionFrontTest {
  private static final String IMAP_CAPABILITY = "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n";
  private static final String POP3_CAPA = "+OK\r\nTOP\r\nUSER\r\n.\r\n";
  private static final String SIEVE_CAPABILITIES = "\"SASL\" \"PLAIN\"\r\n\"VERSION\" \"1.0\"\r\nOK\r\n";

  /**
   * One protocol's front: its greeting, its answers to lines in clear, the upgrade command and go-ahead, what it sends
   * right after the handshake (ManageSieve's capabilities), and its answers inside TLS.
   */
  private record Front(String greeting, UnaryOperator<String> plain, String upgrade, String goAhead, String onTls,
      UnaryOperator<String> tls) {}

  private static final Front IMAP = new Front("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] front\r\n",
      line -> tag(line) + " BAD unexpected\r\n", "a2 STARTTLS", "a2 OK go\r\n", "",
      line -> (line.endsWith(" CAPABILITY") ? IMAP_CAPABILITY : "") + tag(line) + " OK done\r\n");
  private static final Front POP3 = new Front("+OK front\r\n",
      line -> line.equals("CAPA") ? "+OK\r\nTOP\r\nSTLS\r\nSASL\r\n.\r\n" : "-ERR unknown\r\n", "STLS", "+OK go\r\n", "",
      line -> line.equals("CAPA") ? POP3_CAPA : "-ERR unknown command\r\n");
  private static final Front SIEVE = new Front("\"SASL\" \"\"\r\n\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\nOK\r\n",
      line -> "NO \"unexpected\"\r\n", "STARTTLS", "OK \"go\"\r\n", SIEVE_CAPABILITIES,
      line -> line.equals("CAPABILITY") ? SIEVE_CAPABILITIES : "OK \"NOOP done\"\r\n");

  @Test
  void findsAnImapFrontThatAnswersTheInjectedTagInsideTls() throws Exception {
    InjectionCheck check = probe(StartTls.IMAP, IMAP, true);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
    assertThat(check.transcript()).extracting(Object::toString).contains("S (tls): X1 OK done");
  }

  @Test
  void clearsAnImapFrontThatDropsThePipelinedLine() throws Exception {
    InjectionCheck check = probe(StartTls.IMAP, IMAP, false);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
  }

  @Test
  void findsAPop3FrontThatAnswersTheInjectedNoopInsideTls() throws Exception {
    InjectionCheck check = probe(StartTls.POP3, POP3, true);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
  }

  @Test
  void clearsAPop3FrontThatDropsThePipelinedLine() throws Exception {
    InjectionCheck check = probe(StartTls.POP3, POP3, false);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
  }

  @Test
  void findsASieveFrontThatAnswersTheInjectedNoopInsideTls() throws Exception {
    InjectionCheck check = probe(StartTls.SIEVE, SIEVE, true);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
  }

  @Test
  void clearsASieveFrontThatDropsThePipelinedLine() throws Exception {
    InjectionCheck check = probe(StartTls.SIEVE, SIEVE, false);
    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
  }

  /** Probes the front with the injection check on; the main connection must be established with capabilities after. */
  private static InjectionCheck probe(StartTls dialect, Front front, boolean buggy) throws Exception {
    try (HostilePeer peer = HostilePeer.start(serve(front, buggy))) {
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port()).startTls(dialect)
          .timeout(Duration.ofSeconds(5)).build());
      assertThat(report.outcome().isEstablished()).as(report.toString()).isTrue();
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).isNotEmpty();
      return phase.injection().orElseThrow();
    }
  }

  private static HostilePeer.Behaviour serve(Front front, boolean buggy) {
    return LineScript.answering(front.greeting(), front.upgrade(), front.goAhead(), front.onTls(),
        (line, overTls) -> overTls ? front.tls().apply(line) : front.plain().apply(line), buggy);
  }

  private static String tag(String line) {
    int sp = line.indexOf(' ');
    return sp < 0 ? line : line.substring(0, sp);
  }
}
