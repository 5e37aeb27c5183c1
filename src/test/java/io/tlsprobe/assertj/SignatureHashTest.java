package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.CertificateInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureHashTest {

  @ParameterizedTest
  @CsvSource({
    "SHA1withRSA, SHA-1, 160",
    "SHA224withECDSA, SHA-224, 224",
    "SHA256withECDSA, SHA-256, 256",
    "SHA384withRSA, SHA-384, 384",
    "sha512withrsa, SHA-512, 512",
    "SHA3-256withECDSA, SHA3-256, 256",
    "SHA512/224withRSA, SHA-512/224, 224",
    "MD5withRSA, MD5, 128"
  })
  void readsTheHashFromTheJcaNameAndItsSizeFromTheJdk(String algorithm, String digest, int bits) {
    // given a certificate signed with the algorithm
    CertificateInfo certificate = Fixtures.withSignature(Fixtures.leaf(), algorithm);

    // when
    Optional<SignatureHash> hash = SignatureHash.of(certificate);

    // then
    assertThat(hash).contains(new SignatureHash(digest, bits));
    assertThat(hash.get().isSha1()).isEqualTo(digest.equals("SHA-1"));
    assertThat(hash.get()).hasToString(digest + ", " + bits + " bits");
  }

  @ParameterizedTest
  @CsvSource({"Ed25519", "Ed448", "EdDSA", "ML-DSA-65"})
  void countsAlgorithmsThatHashInternallyAsStrong(String algorithm) {
    Optional<SignatureHash> hash = SignatureHash.of(Fixtures.withSignature(Fixtures.leaf(), algorithm));

    assertThat(hash).hasValueSatisfying(h -> {
      assertThat(h.bits()).isGreaterThanOrEqualTo(512);
      assertThat(h.isSha1()).isFalse();
      assertThat(h).hasToString("hash built into " + algorithm);
    });
  }

  @ParameterizedTest
  @CsvSource({"NONEwithRSA", "RSA", "WHIRLPOOLwithRSA", "1.2.840.113549.1.1.99"})
  void knowsNothingOfAHashTheNameDoesNotGiveOrTheJdkDoesNotKnow(String algorithm) {
    assertThat(SignatureHash.of(Fixtures.withSignature(Fixtures.leaf(), algorithm))).isEmpty();
  }

  @Test
  void readsTheHashOfAnRsassaPssSignatureFromTheCertificateItself() throws Exception {
    // given a real certificate signed with RSASSA-PSS over SHA-256
    CertificateInfo certificate = RealCertificates.info(RealCertificates.rsa("SHA256withRSAandMGF1"));

    // when
    Optional<SignatureHash> hash = SignatureHash.of(certificate);

    // then the JCA name hides the hash, the parameters give it
    assertThat(certificate.signatureAlgorithm()).isEqualTo("RSASSA-PSS");
    assertThat(hash).contains(new SignatureHash("SHA-256", 256));
  }

  @Test
  void knowsNothingOfAnRsassaPssSignatureWhoseCertificateCannotBeRead() {
    // given RSASSA-PSS facts without a parseable DER encoding
    CertificateInfo certificate = Fixtures.withSignature(Fixtures.leaf(), "RSASSA-PSS");

    assertThat(SignatureHash.of(certificate)).isEmpty();
  }
}
