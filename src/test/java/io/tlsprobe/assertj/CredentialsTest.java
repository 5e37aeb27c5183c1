package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which client lines before TLS carry credentials, and how their secrets are masked. */
class CredentialsTest {

  static Stream<Arguments> credentialLines() {
    return Stream.of(
        Arguments.of("USER alice", "C: USER *** (a user name)"),
        Arguments.of("PASS s3cret", "C: PASS *** (a password)"),
        Arguments.of("pass s3cret", "C: pass *** (a password)"),
        Arguments.of("APOP alice c4c9334bac560ecc979e58001b3e22fb", "C: APOP *** (a user name and password digest)"),
        Arguments.of("AUTHINFO USER alice", "C: AUTHINFO USER *** (NNTP credentials)"),
        Arguments.of("AUTHINFO PASS s3cret", "C: AUTHINFO PASS *** (NNTP credentials)"),
        Arguments.of("AUTH PLAIN AGFsaWNlAHMzY3JldA==", "C: AUTH PLAIN *** (a SASL authentication)"),
        Arguments.of("AUTH LOGIN", "C: AUTH LOGIN (a SASL authentication)"),
        Arguments.of("a1 LOGIN alice s3cret", "C: a1 LOGIN *** (a user name and password)"),
        Arguments.of("a2 AUTHENTICATE PLAIN AGFsaWNl", "C: a2 AUTHENTICATE PLAIN *** (a SASL authentication)"),
        Arguments.of("AUTHENTICATE \"PLAIN\" \"AGFsaWNl\"", "C: AUTHENTICATE \"PLAIN\" *** (a SASL authentication)"),
        Arguments.of("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNl</auth>",
            "C: <auth *** (a SASL authentication)"),
        Arguments.of("<iq type='set' id='a'><query xmlns='jabber:iq:auth'><password>s3cret</password></query></iq>",
            "C: <iq … jabber:iq:auth *** (a legacy XMPP login)"),
        Arguments.of("PostgreSQL PasswordMessage [7000000b7333637265740000]",
            "C: PostgreSQL PasswordMessage [*** 12 bytes] (a password message)"),
        Arguments.of("PostgreSQL SASLInitialResponse SCRAM-SHA-256 [70aabb]",
            "C: PostgreSQL SASLInitialResponse SCRAM-SHA-256 [*** 3 bytes] (a SASL response)"),
        Arguments.of("LDAP BindRequest simple cn=admin [300c0201]", "C: LDAP BindRequest simple cn=admin [*** 4 bytes]"
            + " (an LDAP bind)"),
        Arguments.of("MySQL HandshakeResponse41 user root [aabbcc]",
            "C: MySQL HandshakeResponse41 user root [*** 3 bytes] (a user name and password hash)"));
  }

  @ParameterizedTest
  @MethodSource("credentialLines")
  void findsAndMasksCredentials(String line, String finding) {
    PlainTextPhase phase = PlainTextPhase.builder("any").line(Direction.CLIENT, false, line).build();

    assertThat(Credentials.find(phase)).singleElement().hasToString(finding);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "AUTH TLS", "auth ssl", "AUTH TLS-C", "EHLO tlsprobe.invalid", "a1 CAPABILITY", "a2 STARTTLS", "STLS", "CAPA",
    "FEAT", "PBSZ 0", "PROT P", "STARTTLS", "NOOP",
    "PostgreSQL SSLRequest (length 8, code 80877103) [0000000804d2162f]",
    "MySQL HandshakeResponse SSLRequest (CLIENT_SSL) [20000000]",
    "LDAP BindRequest anonymous [300c0201]",
    "LDAP ExtendedRequest StartTLS (messageID 1) [301d02010177188016312e332e362e312e342e312e313436362e3230303337]",
    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
    "<stream:stream to='example.com' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
        + " version='1.0'>",
    "SSL Request (sequence 1, capabilities 0x00000a8a) [2000000100000000]",
    "LDAP SearchRequest root DSE (messageID 2) [3025020102]", "CAPABILITIES", "a1 NOOP", "LHLO tlsprobe.invalid"
  })
  void leavesTheProbesOwnCommandsAlone(String line) {
    PlainTextPhase phase = PlainTextPhase.builder("any").line(Direction.CLIENT, false, line).build();

    assertThat(Credentials.find(phase)).isEmpty();
  }

  @Test
  void ignoresServerLinesAndLinesInsideTls() {
    PlainTextPhase phase = PlainTextPhase.builder("pop3")
        .line(Direction.SERVER, false, "USER is the command to use")
        .line(Direction.CLIENT, true, "USER alice")
        .line(Direction.CLIENT, true, "PASS s3cret")
        .build();

    assertThat(Credentials.find(phase)).isEmpty();
  }

  @Test
  void findsSaslResponsesAfterAChallenge() {
    // given SMTP AUTH LOGIN and an IMAP continuation, each answered by the client
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.CLIENT, false, "AUTH LOGIN")
        .line(Direction.SERVER, false, "334 VXNlcm5hbWU6")
        .line(Direction.CLIENT, false, "YWxpY2U=")
        .line(Direction.SERVER, false, "+ ")
        .line(Direction.CLIENT, false, "czNjcmV0")
        .line(Direction.SERVER, false, "+OK")
        .line(Direction.CLIENT, false, "QUIT")
        .build();

    assertThat(Credentials.find(phase)).extracting(Object::toString).containsExactly(
        "C: AUTH LOGIN (a SASL authentication)",
        "C: *** (a SASL response)",
        "C: *** (a SASL response)");
  }

  @Test
  void masksTheFoundLinesInACopyOfThePhase() {
    PlainTextPhase phase = PlainTextPhase.builder("pop3")
        .line(Direction.SERVER, false, "+OK ready")
        .line(Direction.CLIENT, false, "USER alice")
        .line(Direction.CLIENT, false, "PASS s3cret")
        .upgraded(true)
        .build();

    PlainTextPhase masked = Credentials.masked(phase, Credentials.find(phase));

    assertThat(masked.transcriptText()).isEqualTo("S: +OK ready\nC: USER ***\nC: PASS ***\n");
    assertThat(masked.upgraded()).isTrue();
    assertThat(phase.transcriptText()).contains("s3cret");
  }

  @Test
  void aTranscriptCutOffBeforeTlsMayHideCredentials() {
    PlainTextPhase.Builder cut = PlainTextPhase.builder("smtp");
    PlainTextPhase.Builder reachedTls = PlainTextPhase.builder("smtp").line(Direction.SERVER, true, "250 OK");
    for (int i = 0; i <= PlainTextPhase.MAX_LINES; i++) {
      cut.line(Direction.CLIENT, false, "NOOP");
      reachedTls.line(Direction.CLIENT, true, "NOOP");
    }

    assertThat(Credentials.cutBeforeTls(cut.build())).isTrue();
    assertThat(Credentials.cutBeforeTls(reachedTls.build())).isFalse();
    assertThat(Credentials.cutBeforeTls(StartTlsFixtures.smtpPhase())).isFalse();
  }
}
