package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.HostilePeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * SSL 2.0 detection. No Debian 12 server speaks SSL 2.0, so the server here is a scripted peer that checks the
 * CLIENT-HELLO it gets and answers with an SSL 2.0 SERVER-HELLO, as a real SSL 2.0 server does.
 */
class SslV2ScanTest {
  /**
   * Two-byte header (length 30), SERVER-HELLO (4), no session hit, X.509 certificate type (1), version 0x0002, no
   * certificate, one cipher kind (3 bytes: SSL_CK_DES_192_EDE3_CBC_WITH_MD5), a 16-byte connection id.
   */
  private static final byte[] SERVER_HELLO = HexFormat.of().parseHex(
      "801e" + "04" + "00" + "01" + "0002" + "0000" + "0003" + "0010" + "0700c0" + "00112233445566778899aabbccddeeff");

  @Test
  void findsAServerThatAnswersAnSsl2ClientHelloWithAnSsl2ServerHello() throws Exception {
    try (HostilePeer ssl2 = HostilePeer.start(s -> answerClientHello(s, SERVER_HELLO))) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", ssl2.port())
          .protocols(TlsProtocol.SSLv2).build());

      assertThat(profile.acceptedProtocols()).containsExactly(TlsProtocol.SSLv2);
      assertThat(profile.isComplete()).isTrue();
      assertThat(profile.connections()).isEqualTo(1);
    }
  }

  @Test
  void doesNotTakeATlsAlertForSsl2() throws Exception {
    byte[] alert = HexFormat.of().parseHex("15030100020246"); // fatal protocol_version
    try (HostilePeer tls = HostilePeer.start(s -> answerClientHello(s, alert))) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", tls.port())
          .protocols(TlsProtocol.SSLv2).build());

      assertThat(profile.accepts(TlsProtocol.SSLv2)).isFalse();
      assertThat(profile.isComplete()).isTrue();
    }
  }

  /** Reads an SSL 2.0 CLIENT-HELLO of version 2 (header, type 1, 0x0002) whole, then sends {@code answer}. */
  private static void answerClientHello(Socket socket, byte[] answer) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] head = in.readNBytes(5);
    if (head.length < 5 || (head[0] & 0x80) == 0 || head[2] != 1 || head[3] != 0 || head[4] != 2) {
      return; // not what an SSL 2.0 client sends: close
    }
    in.readNBytes(((head[0] & 0x7f) << 8 | (head[1] & 0xff)) - 3);
    socket.getOutputStream().write(answer);
    HostilePeer.drain(socket);
  }
}
