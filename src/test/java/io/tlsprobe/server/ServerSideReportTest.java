package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture report's reading of the bytes that crossed keeps what decoded before bytes the codec cannot read. */
class ServerSideReportTest {
  private static final byte[] GARBAGE = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void findsTheClientsAlertAfterItsHelloDespiteGarbageAfterIt() {
    // given a client's hello, its fatal unknown_ca alert, then bytes that are not TLS
    byte[] received = concat(ClientHelloVectors.captured("chromium_headless").bytes(),
        HexFormat.of().parseHex("15030300020230"), GARBAGE);

    // when
    Outcome outcome = ServerSideReport.closedByClient(received, "after our ServerHello");

    // then
    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
    assertThat(outcome.alert()).contains(AlertDescription.of(48));
    assertThat(outcome.reason()).isEqualTo("client sent fatal alert unknown_ca (48)");
  }

  @Test
  void readsOurServerHelloDespiteGarbageAfterIt() {
    // given our TLS 1.2 ServerHello followed by garbage
    ServerHello hello = new ServerHello(0x0303, Bytes.of(new byte[32]), Bytes.empty(), 0xc02f, 0,
        List.of(new RenegotiationInfoExtension(Bytes.empty())), true);
    byte[] sent = concat(TlsRecord.wrapHandshake(hello.encode(), 0x0303), GARBAGE);
    TlsConnectionReport.Builder b = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 40000),
        Outcome.abortedLocally("test"));

    // when
    ServerSideReport.fromOurFlight(b, sent);
    TlsConnectionReport report = b.build();

    // then
    assertThat(report.serverHello()).contains(hello);
    assertThat(report.protocol()).contains(TlsProtocol.TLSv1_2);
    assertThat(report.cipherSuite()).contains(CipherSuite.of(0xc02f));
  }

  @Test
  void keepsTheClientHelloBeforeGarbage() {
    byte[] hello = ClientHelloVectors.captured("chromium_headless").bytes();

    assertThat(ServerSideReport.decodeQuietly(concat(hello, GARBAGE)).clientHello())
        .isEqualTo(TlsDecoder.decode(hello).clientHello()).isPresent();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
