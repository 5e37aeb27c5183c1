package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.TlsAssertions;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.TestTls;
import io.tlsprobe.testing.daemons.ProsodyServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XMPP {@code <starttls/>} (client-to-server and server-to-server) and direct TLS against prosody 0.12 (LuaSec on
 * OpenSSL), compared with {@code openssl s_client -starttls xmpp|xmpp-server -xmpphost localhost}.
 */
class ProsodyStartTlsTest {
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final String DOMAIN = ProsodyServer.DOMAIN;

  @TempDir static Path dir;
  private static HeldCertificate cert;
  private static ProsodyServer prosody;
  private static ProsodyServer withoutTls;

  @BeforeAll
  static void startProsody() {
    Interop.requireCommand("openssl");
    cert = TestCertificates.localhost();
    prosody = ProsodyServer.start(dir.resolve("tls"), cert);
    withoutTls = ProsodyServer.startWithoutTls(dir.resolve("plain"));
  }

  @AfterAll
  static void stopProsody() {
    if (prosody != null) {
      prosody.close();
    }
    if (withoutTls != null) {
      withoutTls.close();
    }
  }

  @Test
  void clientStreamNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.XMPP, DOMAIN);
    SSLSession session;
    try (Socket socket = connect(prosody.c2sPort())) {
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = overTls(socket, prosody.c2sPort())) {
        session = tls.getSession();
        client.afterTls(PlainTextChannel.of(tls));
      }
    }
    OpensslClientView openssl = OpensslClientView.connect(prosody.c2sPort(), "-starttls", "xmpp", "-xmpphost",
        DOMAIN);

    PlainTextPhase phase = client.phase();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.greeting()).hasValueSatisfying(g -> assertThat(g).startsWith("<stream:stream ")
        .contains("from='localhost'").contains("version='1.0'"));
    assertThat(phase.capabilitiesBefore()).containsExactly("starttls required");
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.plainTextAuthenticationOffered()).contains(false);
    assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).anySatisfy(c -> assertThat(c)
        .startsWith("mechanisms ").contains("SCRAM-SHA-1"));
    assertThat(phase.transcript().get(phase.plainTextLines().size() - 1).toString())
        .isEqualTo("S: <proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    assertThat(openssl.protocol()).as(openssl.output()).isPresent();
    assertThat(TlsProtocol.fromJsseName(session.getProtocol())).isEqualTo(openssl.protocol());
    assertThat(CipherSuite.byName(session.getCipherSuite())).isEqualTo(openssl.cipherSuite());
  }

  @Test
  void serverToServerStreamNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.XMPP_SERVER, DOMAIN);
    SSLSession session;
    try (Socket socket = connect(prosody.s2sPort())) {
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = overTls(socket, prosody.s2sPort())) {
        session = tls.getSession();
      }
    }
    OpensslClientView openssl = OpensslClientView.connect(prosody.s2sPort(), "-starttls", "xmpp-server",
        "-xmpphost", DOMAIN);

    PlainTextPhase phase = client.phase();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.transcript().get(0).text()).contains("xmlns='jabber:server'");
    assertThat(phase.capabilitiesBefore()).contains("starttls", "dialback urn:xmpp:features:dialback");
    assertThat(openssl.protocol()).as(openssl.output()).isPresent();
    assertThat(TlsProtocol.fromJsseName(session.getProtocol())).isEqualTo(openssl.protocol());
    assertThat(CipherSuite.byName(session.getCipherSuite())).isEqualTo(openssl.cipherSuite());
  }

  @Test
  void directTlsPortsNegotiateWhatOpensslNegotiates() {
    for (int port : new int[] {prosody.c2sDirectTlsPort(), prosody.s2sDirectTlsPort()}) {
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", port)
          .timeout(Duration.ofSeconds(10)).build());
      OpensslClientView openssl = OpensslClientView.connect(port);

      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.endpoint().connection()).isEqualTo("direct");
      assertThat(report.protocol()).as(openssl.output()).isPresent().isEqualTo(openssl.protocol());
      assertThat(report.cipherSuite()).isEqualTo(openssl.cipherSuite());
    }
  }

  @Test
  void serverWithoutTlsModuleIsReportedAsNotAdvertising() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.XMPP, DOMAIN);
    long start = System.nanoTime();
    StartTlsException e;
    try (Socket socket = connect(withoutTls.c2sPort())) {
      e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }

    assertThat(e).as("features without <starttls/>").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
    assertThat(e.getMessage()).startsWith("server did not advertise STARTTLS; stream features were: ")
        .contains("mechanisms ");
    assertThat(e.phase().plainTextAuthenticationOffered()).contains(true);
    assertThat(e.phase().authenticationEvidence()).singleElement().asString()
        .startsWith("SASL mechanisms ").endsWith(" in the stream features before TLS");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void streamToADomainTheServerDoesNotServeIsRefusedNamingTheDomain() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.XMPP, "127.0.0.1");
    StartTlsException e;
    try (Socket socket = connect(prosody.c2sPort())) {
      e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).isEqualTo("server closed the stream with an error instead of sending its"
        + " <stream:features>: host-unknown: This server does not serve 127.0.0.1 (the stream was opened to"
        + " '127.0.0.1': give the server's XMPP domain as the host or server name)");
  }

  @Test
  void probeThroughStartTlsWithTheDomainAsServerNameReportsWhatOpensslNegotiates() {
    TlsConnectionReport c2s = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", prosody.c2sPort())
        .serverName(DOMAIN).startTls(StartTls.XMPP).timeout(Duration.ofSeconds(10)).build());
    TlsConnectionReport s2s = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", prosody.s2sPort())
        .serverName(DOMAIN).startTls(StartTls.XMPP_SERVER).timeout(Duration.ofSeconds(10)).build());
    OpensslClientView openssl = OpensslClientView.connect(prosody.c2sPort(), "-starttls", "xmpp", "-xmpphost",
        DOMAIN);

    assertThat(c2s.outcome().kind()).as(c2s.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(c2s.endpoint().connection()).isEqualTo("starttls:xmpp");
    assertThat(c2s.protocol()).as(openssl.output()).isPresent().isEqualTo(openssl.protocol());
    assertThat(c2s.cipherSuite()).isEqualTo(openssl.cipherSuite());
    assertThat(c2s.plainTextPhase().orElseThrow().capabilitiesAfter()).isNotEmpty();
    assertThat(s2s.outcome().kind()).as(s2s.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(s2s.endpoint().connection()).isEqualTo("starttls:xmpp-server");
    assertThat(s2s.protocol()).isEqualTo(openssl.protocol());
  }

  @Test
  void discoveryFindsBothStartTlsAndDirectTlsAndTheAssertionsHoldOnProsody() {
    ServiceDiscovery found = TlsProbes.discover(ProbeOptions.builder("127.0.0.1", prosody.c2sPort())
        .serverName(DOMAIN).timeout(Duration.ofSeconds(10)).build(), ServiceProtocol.XMPP, prosody.c2sPort(),
        prosody.c2sDirectTlsPort());

    assertThat(found.offersStartTls()).as(found.toString()).isTrue();
    assertThat(found.offersImplicitTls()).as(found.toString()).isTrue();
    TlsAssertions.assertThat(found.implicitTls().orElseThrow()).usesImplicitTls();
    TlsAssertions.assertThat(found.startTls().orElseThrow()).usesStartTls(StartTls.XMPP)
        .usesProtocolAtLeast(TlsProtocol.TLSv1_2).hasForwardSecrecy()
        .plainTextPhase().advertisedStartTls().offeredNoAuthenticationBeforeTls().sentNoCredentialsBeforeTls()
        .hasCapabilityBeforeTls("starttls required").wasUpgraded();
  }

  @Test
  void probeOfAServerWithoutTlsIsAStartTlsFailure() {
    long start = System.nanoTime();
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", withoutTls.c2sPort())
        .serverName(DOMAIN).startTls(StartTls.XMPP).timeout(Duration.ofSeconds(10)).build());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
    assertThat(report.outcome().reason()).startsWith("server did not advertise STARTTLS; stream features were: ");
    assertThat(report.protocol()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static Socket connect(int port) throws IOException {
    return UpgradedSession.connect(port, Duration.ofMillis(TIMEOUT_MILLIS));
  }

  /** A TLS client over {@code socket}, trusting {@link #cert} alone, handshake done. */
  private static SSLSocket overTls(Socket socket, int port) throws IOException {
    return TestTls.startTls(TestTls.trusting(cert), socket, "127.0.0.1", port);
  }
}
