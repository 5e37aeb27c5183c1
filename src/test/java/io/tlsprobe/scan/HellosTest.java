package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherStrength;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.TlsDecoder;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** The scan's hellos, read back with the codec: each version's hello is what a client of that version sends. */
class HellosTest {
  private static final List<Integer> SOME_SUITES = List.of(0xc02f, 0x009c, 0x002f);
  private final Hellos hellos = Hellos.create(Optional.of("scan.test"), new SecureRandom());

  @Test
  void tls12HelloOffersTheVersionTheSuitesAndWhatEcdheAndDheNeed() {
    byte[] records = hellos.suites(TlsProtocol.TLSv1_2, SOME_SUITES);
    ClientHello hello = decode(records);

    assertThat(recordVersion(records)).isEqualTo(0x0301);
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.cipherSuites()).isEqualTo(SOME_SUITES);
    assertThat(hello.supportedVersions()).isEmpty();
    assertThat(hello.serverName()).contains("scan.test");
    assertThat(hello.supportedGroups()).contains(0x001d, 0x0017, 0x0100).doesNotContain(0x11ec, 0xff01);
    assertThat(hello.signatureAlgorithms()).contains(0x0403, 0x0804, 0x0401);
    assertThat(hello.extensionTypes()).contains(ExtensionTypes.RENEGOTIATION_INFO);
  }

  @Test
  void tls10HelloLeavesOutSignatureAlgorithms() {
    ClientHello hello = decode(hellos.suites(TlsProtocol.TLSv1, SOME_SUITES));

    assertThat(hello.legacyVersion()).isEqualTo(0x0301);
    assertThat(hello.extensionTypes()).doesNotContain(ExtensionTypes.SIGNATURE_ALGORITHMS)
        .contains(ExtensionTypes.SUPPORTED_GROUPS);
  }

  @Test
  void ssl3HelloHasNoExtensionsAndSignalsSecureRenegotiationInstead() {
    byte[] records = hellos.suites(TlsProtocol.SSLv3, SOME_SUITES);
    ClientHello hello = decode(records);

    assertThat(recordVersion(records)).isEqualTo(0x0300);
    assertThat(hello.legacyVersion()).isEqualTo(0x0300);
    assertThat(hello.hasExtensionsBlock()).isFalse();
    assertThat(hello.cipherSuites()).endsWith(Hellos.RENEGOTIATION_SCSV);
  }

  @Test
  void tls13HelloOffersOnlyTls13WithKeySharesAServerCanUse() throws Exception {
    ClientHello hello = decode(hellos.suites(TlsProtocol.TLSv1_3, List.of(0x1301, 0x1302)));

    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.supportedVersions()).containsExactly(0x0304);
    assertThat(hello.sessionId().length()).isEqualTo(32);
    assertThat(hello.supportedGroups()).startsWith(0x001d, 0x0017).contains(0x0100, 0x11ec);
    List<KeyShareEntry> shares = hello.extension(KeyShareExtension.class).orElseThrow().entries();
    assertThat(shares).extracting(KeyShareEntry::group).containsExactly(0x001d, 0x0017);
    assertThat(shares.get(0).keyExchange().length()).isEqualTo(32);
    assertAgreesOnP256(shares.get(1).keyExchange().toArray());
  }

  @Test
  void tls13GroupHelloOffersOnlyTheGroupsAskedForAndNoKeyShare() {
    ClientHello hello = decode(hellos.groups(TlsProtocol.TLSv1_3, List.of(0x1301), List.of(0x0101, 0x11ec)));

    assertThat(hello.supportedGroups()).containsExactly(0x0101, 0x11ec);
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().entries()).isEmpty();
  }

  @Test
  void readableTls13HelloOffersOneGroupWithTheShareWhoseSecretTheScanComputes() {
    ClientHello p256 = decode(hellos.tls13Readable(Hellos.SECP256R1, List.of(0x1301), b -> b.alpn("h2")));
    ClientHello x25519 = decode(hellos.tls13Readable(Hellos.X25519, List.of(0x1301), b -> { }));

    assertThat(p256.supportedGroups()).containsExactly(Hellos.SECP256R1);
    assertThat(p256.extension(KeyShareExtension.class).orElseThrow().entries()).singleElement()
        .satisfies(e -> assertThat(e.keyExchange()).isEqualTo(KeyShares.P256_BASE_POINT));
    assertThat(x25519.supportedGroups()).containsExactly(Hellos.X25519);
    assertThat(x25519.extension(KeyShareExtension.class).orElseThrow().entries()).singleElement()
        .satisfies(e -> assertThat(e.keyExchange()).isEqualTo(hellos.shares().x25519()));
  }

  @Test
  void padsEveryHelloThatWouldBe256To511BytesLongTo512() {
    for (TlsProtocol version : List.of(TlsProtocol.TLSv1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)) {
      List<Integer> candidates = Hellos.suiteCandidates(version);
      for (int count = 1; count <= Math.min(Hellos.MAX_SUITES, candidates.size()); count++) {
        byte[] records = hellos.suites(version, candidates.subList(0, count));
        int length = decode(records).encode().length;

        assertThat(length).as("%s hello with %d suites", version, count).satisfiesAnyOf(
            l -> assertThat(l).isLessThan(256), l -> assertThat(l).isGreaterThanOrEqualTo(512));
      }
    }
    assertThat(decode(hellos.suites(TlsProtocol.TLSv1_2, Hellos.suiteCandidates(TlsProtocol.TLSv1_2)
        .subList(0, 60))).extensionTypes()).contains(ExtensionTypes.PADDING);
  }

  @Test
  void candidatesCoverTheRegistryForTheVersionWithTheLikeliestFirst() {
    List<Integer> tls12 = Hellos.suiteCandidates(TlsProtocol.TLSv1_2);
    List<Integer> tls10 = Hellos.suiteCandidates(TlsProtocol.TLSv1);

    assertThat(tls12).contains(0x000a, 0x0005, 0x0003, 0x0001, 0xc0a0, 0xc050, 0x0084, 0xff85)
        .doesNotContain(0x00ff, 0x5600, 0x1301).doesNotHaveDuplicates();
    assertThat(CipherSuite.of(tls12.get(0)).strength()).isEqualTo(CipherStrength.RECOMMENDED);
    // the export suite TLS 1.2 forbids is offered, after every suite TLS 1.2 allows
    assertThat(tls12.indexOf(0x0003)).isGreaterThan(tls12.indexOf(0x0001));
    assertThat(tls10).contains(0x000a, 0x0003, 0xc02f);
    assertThat(tls10.indexOf(0xc02f)).isGreaterThan(tls10.indexOf(0x0001));
    assertThat(Hellos.suiteCandidates(TlsProtocol.TLSv1_3)).contains(0x1301, 0x1302, 0x1303, 0x1304, 0x1305)
        .allMatch(s -> CipherSuite.of(s).protocols().equals(java.util.Set.of(TlsProtocol.TLSv1_3)));
    assertThat(Hellos.ecdheSuites()).hasSizeLessThanOrEqualTo(Hellos.MAX_SUITES).contains(0xc02f, 0xc018)
        .allMatch(s -> Hellos.namesCurve(CipherSuite.of(s)));
  }

  private static ClientHello decode(byte[] records) {
    return TlsDecoder.decode(records).clientHello().orElseThrow();
  }

  private static int recordVersion(byte[] records) {
    return (records[1] & 0xff) << 8 | (records[2] & 0xff);
  }

  /** ECDH with the share as the peer key succeeds only for a point on the curve. */
  private static void assertAgreesOnP256(byte[] point) throws Exception {
    assertThat(point).hasSize(65);
    assertThat(point[0]).isEqualTo((byte) 4);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ours = generator.generateKeyPair();
    ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
        new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    PublicKey peer = KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(w, ((ECPublicKey) ours.getPublic()).getParams()));
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(ours.getPrivate());
    agreement.doPhase(peer, true);
    assertThat(agreement.generateSecret()).hasSize(32);
  }
}
