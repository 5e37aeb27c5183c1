package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.ServerKeyExchange;
import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probe against a peer that answers with a hand-made first flight (no TLS library here offers compression or
 * TLS 1.1 any more): the report holds the server's choice even though JSSE refuses it, and the rest of the flight
 * (certificate, ServerKeyExchange) is read although it arrives after JSSE gave up.
 */
class HandMadeServerHelloProbeTest {
  private static final int ECDHE_RSA_AES128_SHA = 0xc013;
  private HostilePeer peer;

  @AfterEach
  void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
  }

  /** ServerHello first, then (50 ms later, in its own write) Certificate, ServerKeyExchange and ServerHelloDone. */
  private static HostilePeer.Behaviour flight(int version, int compression) {
    HeldCertificate identity = TestCertificates.localhost("CN=hand made");
    return socket -> {
      HostilePeer.readAtLeast(socket, 5);
      ServerHello hello = new ServerHello(version, Bytes.of(new byte[32]), Bytes.empty(), ECDHE_RSA_AES128_SHA,
          compression, List.of(new RenegotiationInfoExtension(Bytes.empty())), true);
      OutputStream out = socket.getOutputStream();
      out.write(TlsRecord.wrapHandshake(hello.encode(), version));
      out.flush();
      Thread.sleep(50);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      try {
        rest.write(CertificateMessage.tls12(List.of(Bytes.of(identity.certificate().getEncoded()))).encode());
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IOException(e);
      }
      // curve_type named_curve, secp384r1, a 97-byte uncompressed point, then a 2-byte-length signature
      byte[] point = new byte[97];
      point[0] = 4;
      ByteArrayOutputStream ske = new ByteArrayOutputStream();
      ske.write(HexFormat.of().parseHex("030018" + "61"));
      ske.write(point);
      ske.write(HexFormat.of().parseHex("0002abcd"));
      rest.write(new ServerKeyExchange(Bytes.of(ske.toByteArray())).encode());
      rest.write(new ServerHelloDone().encode());
      out.write(TlsRecord.wrapHandshake(rest.toByteArray(), version));
      out.flush();
      HostilePeer.drain(socket);
    };
  }

  private TlsConnectionReport probe(HostilePeer.Behaviour behaviour) throws IOException {
    peer = HostilePeer.start(behaviour);
    TlsConnectionReport report = TlsProbes.probe(
        ProbeOptions.builder("127.0.0.1", peer.port()).timeout(Duration.ofSeconds(5)).build());
    System.out.println(report);
    return report;
  }

  @Test
  void reportsACompressionMethodThatJsseRefuses() throws Exception {
    TlsConnectionReport report = probe(flight(0x0303, 1));

    assertThat(report.outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(report.outcome().reason())
        .isEqualTo("server chose compression method DEFLATE (1), which JSSE never accepts");
    assertThat(report.compression()).contains(CompressionMethod.of(1));
    assertThat(report.protocol()).contains(TlsProtocol.TLSv1_2);
    assertThat(report.cipherSuite()).contains(CipherSuite.of(ECDHE_RSA_AES128_SHA));
  }

  @Test
  void reportsAVersionThisJvmDisablesWithTheRestOfTheFlight() throws Exception {
    TlsConnectionReport report = probe(flight(0x0302, 0));

    assertThat(report.outcome().kind()).isEqualTo(Kind.ABORTED_LOCALLY);
    assertThat(report.outcome().reason())
        .isEqualTo("server chose TLSv1.1, which this JVM disables (jdk.tls.disabledAlgorithms)");
    assertThat(report.outcome().alert()).as("the alert JSSE sent")
        .contains(AlertDescription.byName("protocol_version").orElseThrow());
    assertThat(report.protocol()).contains(TlsProtocol.TLSv1_1);
    assertThat(report.group()).as("from the ServerKeyExchange that came after JSSE gave up")
        .contains(NamedGroup.byName("secp384r1").orElseThrow());
    assertThat(report.certificates()).extracting(c -> c.subject()).containsExactly("CN=hand made");
    assertThat(report.secureRenegotiation()).isTrue();
  }
}
