package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CertificateMessage, CertificateStatus, ServerHelloDone and UnknownHandshake. */
class ServerMessagesTest {
  @Test
  void roundTripsATls12CertificateChain() {
    CertificateMessage chain = CertificateMessage.tls12(List.of(Bytes.ofHex("3082"), Bytes.ofHex("308201")));
    CertificateMessage decoded = (CertificateMessage) TlsDecoder.decodeHandshake(chain.encode());
    assertThat(decoded).isEqualTo(chain);
    assertThat(decoded.tls13()).isFalse();
    assertThat(decoded.certificates()).containsExactly(Bytes.ofHex("3082"), Bytes.ofHex("308201"));
  }

  @Test
  void acceptsTheTls13CertificateShapeAndFlagsIt() {
    // when
    CertificateMessage cert = CertificateMessage.decode(Samples.tls13Certificate());
    // then
    assertThat(cert.tls13()).isTrue();
    assertThat(cert.certificates()).containsExactly(Samples.bytes(100, 0x30));
    assertThat(cert.entries().get(0).extensions()).singleElement()
        .isInstanceOf(RawExtension.class)
        .extracting(Extension::type).isEqualTo(ExtensionTypes.STATUS_REQUEST);
    assertThat(cert.encodeBody()).isEqualTo(Samples.tls13Certificate());
  }

  @Test
  void rejectsAnEmptyCertificateEntry() {
    // certificate_list of 3 bytes holding one zero-length ASN.1Cert; neither shape fits
    assertThatThrownBy(() -> CertificateMessage.decode(hex("000003 000000")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("Certificate.certificate_list.ASN.1Cert");
          assertThat(e.offset()).isEqualTo(3);
        });
  }

  @Test
  void roundTripsAnOcspStaple() {
    CertificateStatus status = new CertificateStatus(CertificateStatus.OCSP, Bytes.ofHex("3003020100"));
    assertThat(TlsDecoder.decodeHandshake(status.encode())).isEqualTo(status);
    assertThat(status.encodeBody()).isEqualTo(hex("01 000005 3003020100"));
  }

  @Test
  void rejectsAnUnknownCertificateStatusType() {
    assertThatThrownBy(() -> TlsDecoder.decodeHandshake(hex("16000005 03 000001 00")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("CertificateStatus.status_type");
          assertThat(e.offset()).isEqualTo(4);
        });
  }

  @Test
  void rejectsAServerHelloDoneWithABody() {
    assertThatThrownBy(() -> TlsDecoder.decodeHandshake(hex("0e000001 00")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("ServerHelloDone");
          assertThat(e.offset()).isEqualTo(4);
        });
  }

  @Test
  void keepsAnUnknownMessageByteForByte() {
    UnknownHandshake finished = new UnknownHandshake(HandshakeMessage.FINISHED, Samples.bytes(12, 3));
    assertThat(TlsDecoder.decodeHandshake(finished.encode())).isEqualTo(finished);
  }
}
