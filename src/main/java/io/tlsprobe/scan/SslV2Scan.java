package io.tlsprobe.scan;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.SslV2ClientHello;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Whether a server speaks SSL 2.0: one SSLv2 CLIENT-HELLO of version 2 offering the seven SSL 2.0 cipher kinds; an
 * SSL 2.0 server answers with a SERVER-HELLO (message type 4) of version 2 listing the kinds it shares
 * (draft-hickman-netscape-ssl-00, "Client/Server Protocol Messages"):
 *
 * <pre>
 * char MSG-SERVER-HELLO
 * char SESSION-ID-HIT
 * char CERTIFICATE-TYPE
 * char SERVER-VERSION-MSB
 * char SERVER-VERSION-LSB
 * char CERTIFICATE-LENGTH-MSB … CONNECTION-ID-LENGTH-LSB
 * </pre>
 *
 * SSL 2.0 kinds are not TLS cipher suites: the profile lists none for it.
 */
final class SslV2Scan {
  /** RC4_128_WITH_MD5 … DES_192_EDE3_CBC_WITH_MD5. */
  private static final List<Integer> KINDS =
      List.of(0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0);
  private static final int SERVER_HELLO = 4;
  private static final int VERSION = 0x0002;

  private SslV2Scan() {}

  static SuiteScan.Result run(Connector connector, SecureRandom random) {
    byte[] challenge = new byte[16];
    random.nextBytes(challenge);
    byte[] hello = new SslV2ClientHello(VERSION, KINDS, Bytes.empty(), Bytes.of(challenge)).encodeRecord();
    Reply reply = connector.converse(hello, SslV2Scan::complete);
    if (reply.end() == Reply.End.FAILED || reply.end() == Reply.End.TIMED_OUT && reply.bytes().length == 0) {
      return new SuiteScan.Result(ProtocolSupport.refused(TlsProtocol.SSLv2),
          Optional.of("SSL 2.0: " + reply.detail()));
    }
    byte[] b = reply.bytes();
    boolean accepted = b.length >= 11 && (b[0] & 0x80) != 0 && b[2] == SERVER_HELLO
        && ((b[5] & 0xff) << 8 | (b[6] & 0xff)) == VERSION && ((b[9] & 0xff) << 8 | (b[10] & 0xff)) > 0;
    return new SuiteScan.Result(accepted
        ? new ProtocolSupport(TlsProtocol.SSLv2, true, List.of(), CipherOrder.UNDETERMINED,
            List.of())
        : ProtocolSupport.refused(TlsProtocol.SSLv2), Optional.empty());
  }

  /** A whole SSLv2 record (two-byte header, high bit set), or anything else of five bytes or more. */
  private static boolean complete(byte[] b) {
    if (b.length < 2) {
      return false;
    }
    if ((b[0] & 0x80) == 0) {
      return b.length >= 5;
    }
    int length = ((b[0] & 0x7f) << 8) | (b[1] & 0xff);
    return b.length >= 2 + length;
  }
}
