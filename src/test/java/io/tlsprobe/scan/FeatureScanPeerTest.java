package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.Finding.Support;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The feature findings against peers other than OpenSSL: a scripted loopback peer that compresses (Debian's OpenSSL
 * 3.0 is built without zlib, so no real server here can), and an in-process JSSE server.
 */
class FeatureScanPeerTest {
  private static final int ECDHE_RSA_AES128_GCM = 0xc02f;

  @Test
  void findsCompressionWhenTheServerChoosesDeflate() throws Exception {
    try (HostilePeer peer = HostilePeer.start(FeatureScanPeerTest::compressingTls12Server)) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", peer.port()).build());
      ServerFeatures f = profile.features();

      assertThat(profile.acceptedProtocols()).as(profile.render()).containsExactly(TlsProtocol.TLSv1_2);
      assertThat(f.compression()).isEqualTo(Finding.yes("compression method DEFLATE (1) in the TLSv1.2 ServerHello,"
          + " offered before null (0)"));
      assertThat(f.secureRenegotiation()).isEqualTo(Finding.no("no renegotiation_info in the TLSv1.2 ServerHello to a"
          + " hello offering it"));
      assertThat(f.fallbackScsv()).isEqualTo(Finding.notApplicable("the server accepts only TLSv1.2: there is no"
          + " lower version to fall back to"));
      assertThat(f.encryptThenMac().support()).isEqualTo(Support.NOT_APPLICABLE);
      assertThat(profile.isComplete()).isTrue();
    }
  }

  @Test
  void findsWhatAJsseServerAnswers() throws Exception {
    try (JsseTestServer server = JsseTestServer.builder(Certificates.certificate().subject("CN=localhost")
        .dns("localhost").ip("127.0.0.1").key(Certificates.KeyType.RSA_2048).build())
        .protocols("TLSv1.2", "TLSv1.3").alpn("http/1.1", "h2").start()) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).build());
      ServerFeatures f = profile.features();

      assertThat(profile.isComplete()).as(profile.render()).isTrue();
      assertThat(f.compression().support()).isEqualTo(Support.NO);
      assertThat(f.secureRenegotiation().isYes()).isTrue();
      assertThat(f.extendedMasterSecret()).isEqualTo(Finding.yes("extended_master_secret in the TLSv1.2 ServerHello"));
      // JSSE leaves a fallback from TLS 1.3 to the downgrade sentinel in its random (RFC 8446 section 4.1.3)
      assertThat(f.fallbackScsv()).isEqualTo(Finding.no("a TLS 1.2 ServerHello (its random ending in RFC 8446's"
          + " downgrade sentinel DOWNGRD) to a TLSv1.2 hello with TLS_FALLBACK_SCSV, though the server accepts"
          + " TLSv1.3"));
      // JSSE has no encrypt-then-MAC (JDK-8151405): never answered, though it accepts CBC suites
      assertThat(f.encryptThenMac().support()).isEqualTo(Support.NO);
      assertThat(f.encryptThenMac().evidence()).contains("_CBC_");
      assertThat(f.ocspStapling().support()).isEqualTo(Support.NO); // jdk.tls.stapling.enable is false by default
      assertThat(f.heartbeat().support()).isEqualTo(Support.NO);
      assertThat(f.applicationProtocols()).containsExactly("http/1.1", "h2");
    }
  }

  /**
   * A TLS 1.2 server of one suite (ECDHE-RSA-AES128-GCM-SHA256) and no extensions that takes DEFLATE whenever it is
   * offered: a ServerHello and ServerHelloDone to a TLS 1.2 hello with that suite, protocol_version to any other
   * version, handshake_failure otherwise.
   */
  private static void compressingTls12Server(Socket socket) throws IOException {
    Optional<ClientHello> read = readClientHello(socket.getInputStream());
    if (read.isEmpty()) {
      return;
    }
    ClientHello hello = read.get();
    OutputStream out = socket.getOutputStream();
    if (hello.legacyVersion() != 0x0303 || hello.extension(ExtensionTypes.SUPPORTED_VERSIONS).isPresent()) {
      out.write(alert(70));
    } else if (!hello.cipherSuites().contains(ECDHE_RSA_AES128_GCM)) {
      out.write(alert(40));
    } else {
      int compression = hello.compressionMethods().contains(1) ? 1 : 0;
      ServerHello answer = new ServerHello(0x0303, Bytes.of(new byte[32]), Bytes.empty(), ECDHE_RSA_AES128_GCM,
          compression, List.of(), false);
      out.write(TlsRecord.wrapHandshake(answer.encode(), 0x0303));
      out.write(TlsRecord.wrapHandshake(new ServerHelloDone().encode(), 0x0303));
    }
    out.flush();
    HostilePeer.drain(socket);
  }

  private static Optional<ClientHello> readClientHello(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      int n = in.read(buffer);
      if (n < 0) {
        return Optional.empty();
      }
      bytes.write(buffer, 0, n);
      try {
        Optional<ClientHello> hello = TlsDecoder.decodePartial(bytes.toByteArray()).clientHello();
        if (hello.isPresent()) {
          return hello;
        }
      } catch (TlsDecodeException e) {
        return Optional.empty(); // an SSL 2.0 hello: not spoken here
      }
    }
  }

  private static byte[] alert(int description) {
    return new byte[] {21, 3, 3, 0, 2, 2, (byte) description};
  }
}
