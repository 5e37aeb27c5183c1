package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CertificateMessage, CertificateStatus, EncryptedExtensions, ServerHelloDone and UnknownHandshake. */
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
  void decodesOnlyTheTls13ShapeWhenAskedFor() {
    // a TLS 1.2 chain holding one 1-byte certificate: the TLS 1.3 shape reads 00 as the context, then 0004 01 as a
    // list length too long for what is left
    assertThatThrownBy(() -> CertificateMessage.decodeTls13(hex("000004 000001 30")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e ->
            assertThat(e.field()).isEqualTo("Certificate.certificate_list"));
    assertThat(CertificateMessage.decodeTls13(Samples.tls13Certificate()).tls13()).isTrue();
  }

  @Test
  void decodesTheAlpnAndHeartbeatOfEncryptedExtensions() {
    // extensions: ALPN "h2" (0010, 5 bytes), heartbeat peer_allowed_to_send (000f, 1 byte)
    EncryptedExtensions ee = EncryptedExtensions.decode(hex("000e 0010 0005 0003 02 6832 000f 0001 01"));

    assertThat(ee.alpn()).contains("h2");
    assertThat(ee.extension(HeartbeatExtension.class)).contains(new HeartbeatExtension(1));
    assertThat(ee.encodeBody()).isEqualTo(hex("000e 0010 0005 0003 02 6832 000f 0001 01"));
    assertThat(ee.type()).isEqualTo(HandshakeMessage.ENCRYPTED_EXTENSIONS);
  }

  @Test
  void rejectsEncryptedExtensionsWithTrailingBytesNamingTheOffset() {
    assertThatThrownBy(() -> EncryptedExtensions.decode(hex("0000 00")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("EncryptedExtensions");
          assertThat(e.offset()).isEqualTo(2);
        });
  }

  @Test
  void rejectsADuplicateExtensionInEncryptedExtensions() {
    assertThatThrownBy(() -> EncryptedExtensions.decode(hex("000a 000f 0001 01 000f 0001 01")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("EncryptedExtensions.extensions");
          assertThat(e.getMessage()).contains("duplicate extension type 15");
        });
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
