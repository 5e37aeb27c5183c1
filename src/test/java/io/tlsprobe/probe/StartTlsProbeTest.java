package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's STARTTLS path against small in-process SMTP fronts that upgrade to JSSE: the plain-text phase in the
 * report, capabilities after TLS, refusal and silence as outcomes, and the injection check both ways.
 */
class StartTlsProbeTest {
  private static SSLContext serverContext;

  @BeforeAll
  static void context() throws Exception {
    HeldCertificate cert = TestCertificates.localhost();
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(new KeyManager[] {cert.keyManager()}, null, null);
  }

  /**
   * An SMTP front: greeting, EHLO with STARTTLS (and AUTH when told), 220 to STARTTLS, then TLS; inside TLS it answers
   * EHLO and NOOP. When {@code buggy}, it keeps the plain-text bytes it had buffered and answers them inside TLS (the
   * CVE-2011-0411 bug); otherwise it reads the plain text line by line from the raw stream and drops the rest.
   */
  private static HostilePeer.Behaviour smtp(boolean advertise, boolean buggy) {
    return socket -> {
      OutputStream out = socket.getOutputStream();
      InputStream raw = socket.getInputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.ISO_8859_1));
      send(out, "220 front.test ESMTP\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("EHLO")) {
          send(out, "250-front.test\r\n" + (advertise ? "250-STARTTLS\r\n" : "") + "250 AUTH PLAIN\r\n");
        } else if (line.equals("STARTTLS")) {
          send(out, "220 go ahead\r\n");
          break;
        } else {
          send(out, "502 no\r\n");
        }
      }
      if (line == null) {
        return;
      }
      String pending = buggy && in.ready() ? in.readLine() : null;
      SSLSocket tls = (SSLSocket) serverContext.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      OutputStream tlsOut = tls.getOutputStream();
      if (pending != null) {
        send(tlsOut, "250 2.0.0 Ok\r\n");
      }
      BufferedReader tlsIn = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
      while ((line = tlsIn.readLine()) != null) {
        if (line.startsWith("EHLO")) {
          send(tlsOut, "250-front.test\r\n250 AUTH PLAIN\r\n");
        } else {
          send(tlsOut, "250 2.0.0 Ok\r\n");
        }
      }
    };
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static TlsConnectionReport probe(HostilePeer peer) {
    return TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port()).startTls(StartTls.SMTP)
        .timeout(Duration.ofSeconds(5)).build());
  }

  @Test
  void reportsThePlainTextPhaseAndTheCapabilitiesAfterTls() throws Exception {
    try (HostilePeer peer = HostilePeer.start(smtp(true, false))) {
      TlsConnectionReport report = probe(peer);

      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(report.protocol()).contains(TlsProtocol.TLSv1_3);
      assertThat(report.clientHello()).isPresent();
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.greeting()).contains("220 front.test ESMTP");
      assertThat(phase.capabilitiesBefore()).containsExactly("STARTTLS", "AUTH PLAIN");
      assertThat(phase.capabilitiesAfter()).containsExactly("AUTH PLAIN");
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.plainTextAuthenticationOffered()).contains(true);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.transcript().get(0).toString()).isEqualTo("S: 220 front.test ESMTP");
      assertThat(phase.injection().orElseThrow().verdict()).as(phase.injection().toString())
          .isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void findsAServerThatAnswersAPipelinedCommandInsideTls() throws Exception {
    try (HostilePeer peer = HostilePeer.start(smtp(true, true))) {
      TlsConnectionReport report = probe(peer);

      assertThat(report.outcome().isEstablished()).as(report.toString()).isTrue();
      PlainTextPhase.InjectionCheck check = report.plainTextPhase().orElseThrow().injection().orElseThrow();
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
    }
  }

  @Test
  void aServerThatDoesNotAdvertiseStartTlsIsAStartTlsFailureNamingItsExtensions() throws Exception {
    try (HostilePeer peer = HostilePeer.start(smtp(false, false))) {
      TlsConnectionReport report = probe(peer);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).isEqualTo("server did not advertise STARTTLS; extensions were: AUTH PLAIN");
      assertThat(report.plainTextPhase().orElseThrow().upgraded()).isFalse();
      assertThat(report.protocol()).isEmpty();
    }
  }

  @Test
  void aSilentServerEndsThePlainTextPhaseWithinTheTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.SMTP).handshakeTimeout(Duration.ofMillis(400)).build());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason())
          .isEqualTo("server sent nothing while we awaited the server's greeting (the STARTTLS timeout (400 ms) ran out)");
      assertThat(took).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void discoveryTellsWhichOfImplicitTlsAndStartTlsAServiceOffers() throws Exception {
    try (HostilePeer upgrade = HostilePeer.start(smtp(true, false));
        HostilePeer notAdvertised = HostilePeer.start(smtp(false, false));
        JsseTestServer implicit = JsseTestServer.builder(TestCertificates.localhost()).start()) {
      ProbeOptions options = ProbeOptions.builder("127.0.0.1", 1).timeout(Duration.ofSeconds(5))
          .startTlsInjectionCheck(false).build();

      ServiceDiscovery both = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, upgrade.port(), implicit.port());
      ServiceDiscovery startTlsOnly = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, upgrade.port(), 0);
      ServiceDiscovery implicitOnly =
          TlsProbes.discover(options, ServiceProtocol.SUBMISSION, notAdvertised.port(), implicit.port());

      assertThat(both.offersImplicitTls()).as(both.toString()).isTrue();
      assertThat(both.offersStartTls()).as(both.toString()).isTrue();
      assertThat(both.implicitTls().orElseThrow().endpoint().connection()).isEqualTo("direct");
      assertThat(both.startTls().orElseThrow().endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(startTlsOnly.implicitTls()).isEmpty();
      assertThat(implicitOnly.offersStartTls()).isFalse();
      assertThat(implicitOnly.toString()).contains("STARTTLS on " + notAdvertised.port()
          + " no (starttls_failed: server did not advertise STARTTLS");
    }
  }
}
