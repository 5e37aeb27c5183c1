package io.tlsprobe.wire;

import static io.tlsprobe.wire.ExtensionContext.CLIENT_HELLO;
import static io.tlsprobe.wire.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static io.tlsprobe.wire.ExtensionContext.HELLO_RETRY_REQUEST;
import static io.tlsprobe.wire.ExtensionContext.NEW_SESSION_TICKET;
import static io.tlsprobe.wire.ExtensionContext.SERVER_HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

  static Stream<Arguments> typedExtensions() {
    return Stream.of(
        Arguments.of(ServerNameExtension.ofHostName("example.com"), CLIENT_HELLO),
        Arguments.of(ServerNameExtension.empty(), SERVER_HELLO),
        Arguments.of(new MaxFragmentLengthExtension(2), CLIENT_HELLO),
        Arguments.of(StatusRequestExtension.ocsp(), CLIENT_HELLO),
        Arguments.of(new StatusRequestExtension(Optional.of(new StatusRequestExtension.OcspStatusRequest(
            List.of(Bytes.ofHex("0401"), Bytes.ofHex("0402")), Bytes.ofHex("3000")))), CLIENT_HELLO),
        Arguments.of(StatusRequestExtension.empty(), SERVER_HELLO),
        Arguments.of(new SupportedGroupsExtension(List.of(0x001d, 0x0017, 0x11ec)), CLIENT_HELLO),
        Arguments.of(new SupportedGroupsExtension(List.of(0x001d)), ENCRYPTED_EXTENSIONS),
        Arguments.of(new EcPointFormatsExtension(List.of(0, 1, 2)), CLIENT_HELLO),
        Arguments.of(new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS, List.of(0x0403, 0x0804)),
            CLIENT_HELLO),
        Arguments.of(new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, List.of(0x0401)),
            CLIENT_HELLO),
        Arguments.of(new HeartbeatExtension(2), SERVER_HELLO),
        Arguments.of(AlpnExtension.of("h2", "http/1.1"), CLIENT_HELLO),
        Arguments.of(AlpnExtension.of("h2"), SERVER_HELLO),
        Arguments.of(new SignedCertificateTimestampExtension(List.of()), CLIENT_HELLO),
        Arguments.of(new SignedCertificateTimestampExtension(List.of(Bytes.ofHex("aa"), Bytes.ofHex("bbcc"))),
            SERVER_HELLO),
        Arguments.of(new PaddingExtension(0), CLIENT_HELLO),
        Arguments.of(new PaddingExtension(200), CLIENT_HELLO),
        Arguments.of(new EncryptThenMacExtension(), SERVER_HELLO),
        Arguments.of(new ExtendedMasterSecretExtension(), SERVER_HELLO),
        Arguments.of(new CompressCertificateExtension(List.of(1, 2, 3)), CLIENT_HELLO),
        Arguments.of(new RecordSizeLimitExtension(16385), ENCRYPTED_EXTENSIONS),
        Arguments.of(new DelegatedCredentialsExtension(List.of(0x0403, 0x0807)), CLIENT_HELLO),
        Arguments.of(new SessionTicketExtension(Samples.bytes(100, 9)), CLIENT_HELLO),
        Arguments.of(new SessionTicketExtension(Bytes.empty()), SERVER_HELLO),
        Arguments.of(new PreSharedKeyExtension(
            List.of(new PreSharedKeyExtension.PskIdentity(Bytes.ofHex("01"), 0xffffffffL),
                new PreSharedKeyExtension.PskIdentity(Samples.bytes(10, 2), 0)),
            List.of(Samples.bytes(32, 3), Samples.bytes(48, 4)), Optional.empty()), CLIENT_HELLO),
        Arguments.of(PreSharedKeyExtension.selected(1), SERVER_HELLO),
        Arguments.of(new EarlyDataExtension(Optional.empty()), CLIENT_HELLO),
        Arguments.of(new EarlyDataExtension(Optional.of(16384L)), NEW_SESSION_TICKET),
        Arguments.of(SupportedVersionsExtension.offered(0x0304, 0x0303), CLIENT_HELLO),
        Arguments.of(SupportedVersionsExtension.selected(0x0304), SERVER_HELLO),
        Arguments.of(SupportedVersionsExtension.selected(0x0304), HELLO_RETRY_REQUEST),
        Arguments.of(new CookieExtension(Samples.bytes(64, 5)), HELLO_RETRY_REQUEST),
        Arguments.of(new PskKeyExchangeModesExtension(List.of(0, 1)), CLIENT_HELLO),
        Arguments.of(new CertificateAuthoritiesExtension(List.of(Bytes.ofHex("300a"), Bytes.ofHex("3000"))),
            CLIENT_HELLO),
        Arguments.of(new PostHandshakeAuthExtension(), CLIENT_HELLO),
        Arguments.of(KeyShareExtension.client(List.of(new KeyShareEntry(0x001d, Samples.bytes(32, 6)),
            new KeyShareEntry(0x0017, Samples.bytes(65, 7)))), CLIENT_HELLO),
        Arguments.of(KeyShareExtension.client(List.of()), CLIENT_HELLO),
        Arguments.of(KeyShareExtension.server(new KeyShareEntry(0x001d, Samples.bytes(32, 8))), SERVER_HELLO),
        Arguments.of(KeyShareExtension.helloRetry(0x0017), HELLO_RETRY_REQUEST),
        Arguments.of(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS, List.of(Bytes.ofHex("6832"))),
            CLIENT_HELLO),
        Arguments.of(new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS_NEW,
            List.of(Bytes.ofHex("6832"), Bytes.ofHex("6833"))), CLIENT_HELLO),
        Arguments.of(new EncryptedClientHelloExtension(0, 1, 3, 42, Samples.bytes(32, 1), Samples.bytes(200, 2)),
            CLIENT_HELLO),
        Arguments.of(EncryptedClientHelloExtension.inner(), CLIENT_HELLO),
        Arguments.of(new RenegotiationInfoExtension(Bytes.empty()), CLIENT_HELLO),
        Arguments.of(new RenegotiationInfoExtension(Samples.bytes(24, 9)), SERVER_HELLO));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("typedExtensions")
  void decodesWhatItEncodesIntoTheSameTypedRecord(Extension extension, ExtensionContext context) {
    // given
    Bytes data = Bytes.of(extension.encodeData());
    // when
    Extension decoded = Extensions.decode(extension.type(), data, context, 0);
    // then
    assertThat(decoded).isEqualTo(extension).isNotInstanceOf(RawExtension.class);
    assertThat(decoded.encodeData()).isEqualTo(data.toArray());
  }

  @Test
  void keepsUnknownAndGreaseTypesRaw() {
    assertThat(Extensions.decode(0x1a1a, Bytes.ofHex("00"), CLIENT_HELLO, 0))
        .isEqualTo(new RawExtension(0x1a1a, Bytes.ofHex("00")));
    assertThat(Extensions.decode(ExtensionTypes.QUIC_TRANSPORT_PARAMETERS, Bytes.ofHex("0104"), CLIENT_HELLO, 0))
        .isInstanceOf(RawExtension.class);
  }

  @Test
  void decodesStatusRequestV2AsJdkClientsSendIt() {
    // given: one ocsp_multi item with an empty OCSPStatusRequest, as OpenJDK 17 and 25 send
    Bytes data = Bytes.ofHex("000702000400000000");

    // when
    Extension decoded = Extensions.decode(ExtensionTypes.STATUS_REQUEST_V2, data, CLIENT_HELLO, 0);

    // then
    assertThat(decoded).isInstanceOf(StatusRequestV2Extension.class);
    assertThat(((StatusRequestV2Extension) decoded).statusTypes()).containsExactly(StatusRequestV2Extension.OCSP_MULTI);
    assertThat(decoded.encodeData()).isEqualTo(data.toArray());
  }

  @Test
  void rejectsStatusRequestV2WithATruncatedItem() {
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.STATUS_REQUEST_V2, Bytes.ofHex("0003020004"),
        CLIENT_HELLO, 10))
        .isInstanceOf(TlsDecodeException.class)
        .hasMessageContaining("status_request_v2");
  }

  @Test
  void keepsAKnownExtensionWithTrailingBytesRawSoItReEncodesIdentically() {
    // given: supported_groups [x25519] and one stray byte after the list
    Bytes data = Bytes.ofHex("0002001d00");
    // when
    Extension e = Extensions.decode(ExtensionTypes.SUPPORTED_GROUPS, data, CLIENT_HELLO, 0);
    // then
    assertThat(e).isEqualTo(new RawExtension(ExtensionTypes.SUPPORTED_GROUPS, data));
  }

  @Test
  void keepsPaddingThatIsNotAllZeroRaw() {
    assertThat(Extensions.decode(ExtensionTypes.PADDING, Bytes.ofHex("000100"), CLIENT_HELLO, 0))
        .isInstanceOf(RawExtension.class);
  }

  @Test
  void keepsAFlagExtensionWithABodyRaw() {
    assertThat(Extensions.decode(ExtensionTypes.EXTENDED_MASTER_SECRET, Bytes.ofHex("00"), CLIENT_HELLO, 0))
        .isInstanceOf(RawExtension.class);
  }

  @Test
  void keepsServerOnlyShapesOfClientExtensionsRaw() {
    // ALPS in EncryptedExtensions carries settings; ECH in a HelloRetryRequest carries a confirmation
    assertThat(Extensions.decode(ExtensionTypes.APPLICATION_SETTINGS_NEW, Bytes.ofHex("0001"),
        ENCRYPTED_EXTENSIONS, 0)).isInstanceOf(RawExtension.class);
    assertThat(Extensions.decode(ExtensionTypes.ENCRYPTED_CLIENT_HELLO, Samples.bytes(8, 1),
        HELLO_RETRY_REQUEST, 0)).isInstanceOf(RawExtension.class);
  }

  @Test
  void keepsAServerNameOfAnUnknownNameTypeRaw() {
    assertThat(Extensions.decode(ExtensionTypes.SERVER_NAME, Bytes.ofHex("0004010001aa"), CLIENT_HELLO, 0))
        .isInstanceOf(RawExtension.class);
  }

  @Test
  void readsTheHostNameOfServerName() {
    Extension e = Extensions.decode(ExtensionTypes.SERVER_NAME, Bytes.ofHex("000e00000b6578616d706c652e636f6d"),
        CLIENT_HELLO, 0);
    assertThat(((ServerNameExtension) e).hostName()).contains("example.com");
  }

  @Test
  void rejectsAKeyShareEntryWithAnEmptyKeyAtItsAbsoluteOffset() {
    // given: client_shares length (at 100), group x25519 (102), key_exchange length 0 (104)
    Bytes data = Bytes.ofHex("0004001d0000");
    // then
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.KEY_SHARE, data, CLIENT_HELLO, 100))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("ClientHello.extensions.key_share.client_shares.key_exchange");
          assertThat(e.offset()).isEqualTo(104);
        });
  }

  @Test
  void rejectsAnEmptyAlpnProtocolName() {
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.ALPN, Bytes.ofHex("00020000"), CLIENT_HELLO, 0))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("ClientHello.extensions.application_layer_protocol_negotiation.protocol_name");
          assertThat(e.offset()).isEqualTo(2);
        });
  }

  @Test
  void rejectsSupportedVersionsWithOddLength() {
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.SUPPORTED_VERSIONS, Bytes.ofHex("03030403"),
        CLIENT_HELLO, 0))
        .isInstanceOfSatisfying(TlsDecodeException.class,
            e -> assertThat(e.field()).isEqualTo("ClientHello.extensions.supported_versions.versions"));
  }

  @Test
  void rejectsATruncatedServerSelectedVersion() {
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.SUPPORTED_VERSIONS, Bytes.ofHex("03"),
        SERVER_HELLO, 7))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("ServerHello.extensions.supported_versions.selected_version");
          assertThat(e.offset()).isEqualTo(7);
        });
  }

  @Test
  void rejectsAPreSharedKeyBinderShorterThan32Bytes() {
    Bytes data = Bytes.of(new WireWriter()
        .block16(w -> w.opaque16(Bytes.ofHex("01")).u32(0))
        .block16(w -> w.opaque8(Samples.bytes(31, 1)).opaque8(Samples.bytes(32, 1)))
        .toByteArray());
    assertThatThrownBy(() -> Extensions.decode(ExtensionTypes.PRE_SHARED_KEY, data, CLIENT_HELLO, 0))
        .isInstanceOfSatisfying(TlsDecodeException.class,
            e -> assertThat(e.field()).isEqualTo("ClientHello.extensions.pre_shared_key.binder"));
  }

  @Test
  void refusesToBuildInconsistentShapes() {
    assertThatThrownBy(() -> new SupportedVersionsExtension(List.of(0x0304, 0x0303), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyShareExtension(KeyShareExtension.Form.SERVER_SHARE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignatureAlgorithmsExtension(ExtensionTypes.SUPPORTED_GROUPS, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SupportedGroupsExtension(List.of(0x10000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsTheMaxFragmentSizeOfACode() {
    assertThat(new MaxFragmentLengthExtension(1).maxFragmentBytes()).isEqualTo(512);
    assertThat(new MaxFragmentLengthExtension(4).maxFragmentBytes()).isEqualTo(4096);
    assertThat(new MaxFragmentLengthExtension(9).maxFragmentBytes()).isZero();
  }
}
