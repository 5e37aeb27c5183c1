package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.LoopbackRelay;
import io.tlsprobe.testing.OpensslServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's second connection after a TLS 1.3 FFDHE flight JSSE could not decrypt (JDK-8328046: JSSE without the
 * fix drops a leading zero byte of the shared secret, one handshake in about 256). Since that draw cannot be forced,
 * a relay in front of a real {@code openssl s_server} flips the tag of the server's first encrypted record: JSSE then
 * fails with the same "Tag mismatch" it does when the bug strikes.
 */
class FfdheSecretRetryTest {
  @TempDir static Path dir;
  private static OpensslPki pki;

  @BeforeAll
  static void materials() throws Exception {
    Interop.requireCommand("openssl");
    pki = OpensslPki.create(dir);
  }

  @Test
  void probesOnASecondConnectionWhenTheFirstFfdheFlightDoesNotDecrypt() throws Exception {
    try (OpensslServer server = tls13With("ffdhe2048");
        HostilePeer relay = corrupting(server, 1)) {
      TlsConnectionReport report = probe(relay);

      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(report.group().map(NamedGroup::name)).contains("ffdhe2048");
      assertThat(report.outcome().reason()).contains("this is a second connection", "Tag mismatch", "ffdhe2048",
          "JDK-8328046");
      assertThat(relay.connections()).isEqualTo(2);
    }
  }

  @Test
  void reportsTheFailureWhenTheSecondConnectionFailsToo() throws Exception {
    try (OpensslServer server = tls13With("ffdhe3072");
        HostilePeer relay = corrupting(server, Integer.MAX_VALUE)) {
      TlsConnectionReport report = probe(relay);

      assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Kind.ABORTED_LOCALLY);
      assertThat(report.outcome().reason()).startsWith("JSSE aborted after the server chose TLSv1.3")
          .contains("this is a second connection", "ffdhe3072");
      assertThat(relay.connections()).as("no third connection").isEqualTo(2);
    }
  }

  @Test
  void opensNoSecondConnectionForAnEllipticCurveFlightThatDoesNotDecrypt() throws Exception {
    try (OpensslServer server = tls13With("X25519");
        HostilePeer relay = corrupting(server, Integer.MAX_VALUE)) {
      TlsConnectionReport report = probe(relay);

      assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Kind.ABORTED_LOCALLY);
      assertThat(report.outcome().reason()).contains("Tag mismatch").doesNotContain("second connection");
      assertThat(relay.connections()).isEqualTo(1);
    }
  }

  @Test
  void opensNoSecondConnectionWhenTheFfdheHandshakeCompletes() throws Exception {
    try (OpensslServer server = tls13With("ffdhe2048");
        HostilePeer relay = corrupting(server, 0)) {
      TlsConnectionReport report = probe(relay);

      assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
      assertThat(report.outcome().reason()).doesNotContain("second connection");
      assertThat(relay.connections()).isEqualTo(1);
    }
  }

  private static OpensslServer tls13With(String group) {
    return OpensslServer.www(dir, pki.rsaCert(), pki.rsaKey(), "-tls1_3", "-groups", group);
  }

  private static TlsConnectionReport probe(HostilePeer relay) {
    return TlsProbes.probe(ProbeOptions.builder("127.0.0.1", relay.port()).timeout(Duration.ofSeconds(10)).build());
  }

  /** A relay to {@code server} that corrupts the first {@code corrupted} connections' first encrypted record. */
  private static HostilePeer corrupting(OpensslServer server, int corrupted) throws Exception {
    AtomicInteger seen = new AtomicInteger();
    return HostilePeer.start(client -> LoopbackRelay.relay(client, server.port(),
        seen.incrementAndGet() <= corrupted ? new FirstEncryptedRecordTag() : LoopbackRelay.NONE));
  }

  /**
   * Flips the last byte (the AEAD tag's) of the first application_data record in a stream of TLS records; the record
   * boundaries are followed from each 5-byte header, across chunks.
   */
  static final class FirstEncryptedRecordTag implements LoopbackRelay.Tamper {
    private final byte[] header = new byte[5];
    private int headerBytes;
    private int bodyLeft;
    private boolean corruptThis;
    private boolean done;

    @Override
    public void apply(byte[] buffer, int length) {
      for (int i = 0; i < length && !done; i++) {
        if (bodyLeft == 0) {
          header[headerBytes++] = buffer[i];
          if (headerBytes == header.length) {
            headerBytes = 0;
            bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            corruptThis = header[0] == 23;
          }
        } else if (--bodyLeft == 0 && corruptThis) {
          buffer[i] ^= 0x01;
          done = true;
        }
      }
    }
  }
}
