package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * JDK-8328046 is named only for a decryption failure (or the peer's bad_record_mac) after a TLS 1.3 ServerHello that
 * chose a finite-field group. The ServerHellos are RFC 8448's (section 3) with the key_share group and version
 * changed.
 */
class JsseDefectsTest {
  /** RFC 8448's ServerHello: TLS 1.3 (supported_versions 0304), key_share x25519 (001d). */
  private static final String RFC8448_SERVER_HELLO = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434da"
      + "c155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"
      + "002b00020304";

  private static final SSLException TAG_MISMATCH = new SSLException("Tag mismatch!",
      new AEADBadTagException("Tag mismatch!"));

  @Test
  void namesTheDefectForATagMismatchAfterATls13FfdheServerHello() {
    assertThat(JsseDefects.ffdheLeadingZero(hello("0100", "0304"), TAG_MISMATCH)).get().asString()
        .startsWith("ffdhe2048 (Tag mismatch!): JSSE without the fix for JDK-8328046");
    assertThat(JsseDefects.ffdheLeadingZero(hello("0104", "0304"), TAG_MISMATCH)).get().asString()
        .startsWith("ffdhe8192 (");
  }

  @Test
  void findsTheAeadFailureAmongTheCausesAndStopsOnALoopingChain() {
    SSLException wrapped = new SSLException("handshake failed", new IllegalStateException("record",
        new AEADBadTagException("bad tag")));
    SSLException looping = new SSLException("a");
    SSLException other = new SSLException("b", looping);
    looping.initCause(other);

    assertThat(JsseDefects.ffdheLeadingZero(hello("0100", "0304"), wrapped)).isPresent();
    assertThat(JsseDefects.ffdheLeadingZero(hello("0100", "0304"), looping)).isEmpty();
  }

  @Test
  void namesTheDefectForThePeersBadRecordMacOnly() {
    assertThat(JsseDefects.ffdheLeadingZero(hello("0101", "0304"), AlertDescription.of(20))).get().asString()
        .startsWith("ffdhe3072: JSSE without the fix for JDK-8328046");
    assertThat(JsseDefects.ffdheLeadingZero(hello("0101", "0304"), AlertDescription.of(40))).isEmpty();
  }

  @Test
  void blamesNothingForAnEllipticCurveGroupAnotherFailureOrAnotherVersion() {
    assertThat(JsseDefects.ffdheLeadingZero(hello("001d", "0304"), TAG_MISMATCH)).isEmpty();
    assertThat(JsseDefects.ffdheLeadingZero(hello("0100", "0304"),
        new SSLHandshakeException("Received fatal alert: handshake_failure"))).isEmpty();
    assertThat(JsseDefects.ffdheLeadingZero(hello("0100", "0303"), TAG_MISMATCH)).isEmpty();
  }

  /** RFC 8448's ServerHello with key_share {@code group} and supported_versions {@code version} (hex). */
  private static ServerHello hello(String group, String version) {
    String hex = RFC8448_SERVER_HELLO.replace("00330024001d0020", "00330024" + group + "0020")
        .replace("002b00020304", "002b0002" + version);
    return (ServerHello) TlsDecoder.decodeHandshake(HexFormat.of().parseHex(hex));
  }
}
