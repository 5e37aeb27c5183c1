package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.Fixtures.message;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link CertificateAssert} and its {@link AbstractCertificateAssert}: every assertion both ways. */
class CertificateAssertTest {

  private static final CertificateInfo LEAF = Fixtures.leaf();
  private static final CertificateInfo CA = Fixtures.ca();
  private static final String LEAF_LINE = "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)";

  private static CertificateAssert assertOn(CertificateInfo certificate) {
    return assertThat(certificate).withClock(Fixtures.CLOCK);
  }

  @Test
  void failsOnANullCertificateTheAssertJWay() {
    assertThatThrownBy(() -> assertThat((CertificateInfo) null).isNotSelfSigned())
        .hasMessage(message("Expecting actual not to be null"));
  }

  @Nested
  class Trust {

    @Test
    void isTrustedPassesWhenTheReportTrustsTheChain() {
      assertThat(Fixtures.tls13()).certificate().isTrusted();
    }

    @Test
    void isTrustedListsTheProblemsOfTheReportsChain() {
      TlsConnectionReport expired = Fixtures.tls13().toBuilder().verification(new Verification(false,
          List.of(new Verification.Problem(Verification.Kind.EXPIRED, "CN=localhost expired")),
          "test trust store", "localhost")).build();

      assertThatThrownBy(() -> assertThat(expired).certificate().isTrusted())
          .hasMessageContaining("to be trusted" + System.lineSeparator()
              + "but verification of its chain against test trust store for host localhost found:"
              + System.lineSeparator() + "  EXPIRED: CN=localhost expired");
    }

    @Test
    void isTrustedFailsWithoutAReportToConsult() {
      assertThatThrownBy(() -> assertThat(LEAF).isTrusted())
          .hasMessage(message(
              "Expecting certificate:",
              LEAF_LINE,
              "to be trusted",
              "but no verification is available: trust is decided for a whole chain against a trust store,",
              "so assert it from the report: assertThat(report).certificate().isTrusted()"));
    }
  }

  @Nested
  class Names {

    @Test
    void isValidForMatchesDnsAndIpNames() {
      assertOn(LEAF).isValidFor("localhost").isValidFor("127.0.0.1");

      assertThatThrownBy(() -> assertOn(LEAF).isValidFor("example.com"))
          .hasMessage(message(
              "Expecting certificate:",
              LEAF_LINE,
              "to be valid for host:",
              "  example.com",
              "but it is valid only for:",
              "  [DNS:localhost, IP:127.0.0.1]"));
    }

    @Test
    void isValidForWorksOnARealCertificateForIpv6() throws Exception {
      CertificateInfo real = RealCertificates.info(
          RealCertificates.ec("SHA256withECDSA", "DNS:gateway.test", "IP:::1"));

      assertThat(real).isValidFor("gateway.test").isValidFor("::1").isValidFor("[::1]");
      assertThatThrownBy(() -> assertThat(real).isValidFor("localhost"))
          .hasMessageContaining("  [DNS:gateway.test, IP:0:0:0:0:0:0:0:1]");
    }

    @Test
    void hasSubjectComparesDistinguishedNamesAsNames() {
      CertificateInfo organisation = Fixtures.withNames(LEAF, "CN=localhost,O=Test");

      assertOn(organisation).hasSubject("CN=localhost,O=Test").hasSubject("cn=LOCALHOST, o=test");

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertOn(organisation).hasSubject("CN=gateway,O=Test"));
      assertThat(error.getActual().getStringRepresentation()).isEqualTo("CN=localhost,O=Test");
      assertThat(error.getExpected().getStringRepresentation()).isEqualTo("CN=gateway,O=Test");
      assertThatIllegalArgumentException().isThrownBy(() -> assertOn(LEAF).hasSubject("not a name"))
          .withMessage("not a distinguished name: not a name");
    }

    @Test
    void hasSubjectAlternativeNameAcceptsWholeEntriesOrValues() {
      assertOn(LEAF)
          .hasSubjectAlternativeName("DNS:localhost")
          .hasSubjectAlternativeName("dns:LOCALHOST")
          .hasSubjectAlternativeName("localhost")
          .hasSubjectAlternativeName("IP:127.0.0.1")
          .hasSubjectAlternativeName("127.0.0.1");

      assertThatThrownBy(() -> assertOn(LEAF).hasSubjectAlternativeName("DNS:127.0.0.1"))
          .hasMessageContaining("but it has:" + System.lineSeparator() + "  [DNS:localhost, IP:127.0.0.1]");
      assertThatThrownBy(() -> assertOn(CA).hasSubjectAlternativeName("localhost"))
          .hasMessageContaining("but it has:" + System.lineSeparator() + "  none");
    }

    @Test
    void hasSubjectAlternativeNameComparesIpv6ByAddress() {
      CertificateInfo loopback = Fixtures.withNames(LEAF, "CN=localhost", "IP:0:0:0:0:0:0:0:1");

      assertOn(loopback).hasSubjectAlternativeName("::1").hasSubjectAlternativeName("IP:::1");
      assertThatThrownBy(() -> assertOn(loopback).hasSubjectAlternativeName("::2")).isInstanceOf(AssertionError.class);
    }
  }

  @Nested
  class Validity {

    @Test
    void expiresAfterComparesWithNowPlusTheMinimum() {
      assertOn(LEAF).expiresAfter(Duration.ZERO).expiresAfter(Duration.ofDays(89));

      assertThatThrownBy(() -> assertOn(LEAF).expiresAfter(Duration.ofDays(90)))
          .hasMessage(message(
              "Expecting certificate:",
              LEAF_LINE,
              "to stay valid for at least:",
              "  90 days (until 2026-04-01T00:00:00Z)",
              "but it expires at:",
              "  2026-04-01T00:00:00Z (in 90 days)"));
    }

    @Test
    void expiresAfterUsesTheSystemClockByDefault() {
      // given a certificate valid for ten more days by the real clock
      CertificateInfo fresh = new CertificateInfo(LEAF.subject(), LEAF.issuer(), LEAF.subjectAlternativeNames(),
          LEAF.serialNumber(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)),
          LEAF.keyType(), LEAF.keyBits(), LEAF.curve(), LEAF.signatureAlgorithm(), LEAF.sha256Fingerprint(),
          false, List.of(), false, LEAF.der());

      // then an assert without a pinned clock measures from the real now
      assertThat(fresh).expiresAfter(Duration.ofDays(9));
      assertThatThrownBy(() -> assertThat(fresh).expiresAfter(Duration.ofDays(11))).isInstanceOf(AssertionError.class);
    }

    @Test
    void expiresAfterRefusesANegativeMinimum() {
      assertThatIllegalArgumentException().isThrownBy(() -> assertOn(LEAF).expiresAfter(Duration.ofDays(-1)))
          .withMessage("minimum must not be negative: PT-24H");
    }

    @Test
    void isValidAtIncludesBothEnds() {
      assertOn(LEAF).isValidAt(LEAF.notBefore()).isValidAt(Fixtures.NOW).isValidAt(LEAF.notAfter());

      assertThatThrownBy(() -> assertOn(LEAF).isValidAt(LEAF.notAfter().plusSeconds(1)))
          .hasMessageContaining("to be valid at:" + System.lineSeparator() + "  2026-04-01T00:00:01Z");
      assertThatThrownBy(() -> assertOn(LEAF).isValidAt(LEAF.notBefore().minusSeconds(1)))
          .hasMessageContaining("but it is valid from:");
    }
  }

  @Nested
  class KeysAndSignatures {

    @Test
    void hasKeyStrengthAtLeastComparesOnTheRsaScale() {
      assertOn(LEAF).hasKeyStrengthAtLeast(2048).hasKeyStrengthAtLeast(3072);

      assertThatThrownBy(() -> assertOn(LEAF).hasKeyStrengthAtLeast(4096))
          .hasMessageContaining("  EC 256 bits (secp256r1) ≈ RSA 3072 bits" + System.lineSeparator()
              + "(RSA-equivalent strength, NIST SP 800-57: EC P-256 ≈ RSA 3072)");
      assertOn(Fixtures.withKey(LEAF, "RSA", 2048, null)).hasKeyStrengthAtLeast(2048);
      assertThatThrownBy(() -> assertOn(Fixtures.withKey(LEAF, "RSA", 1024, null)).hasKeyStrengthAtLeast(2048))
          .hasMessageContaining("  RSA 1024 bits" + System.lineSeparator());
      assertOn(Fixtures.withKey(LEAF, "Ed25519", 255, null)).hasKeyStrengthAtLeast(3072);
      assertThatThrownBy(() -> assertOn(Fixtures.withKey(LEAF, "EC", 192, "secp192r1")).hasKeyStrengthAtLeast(2048))
          .hasMessageContaining("≈ RSA 1024 bits");
      assertThatThrownBy(() -> assertOn(Fixtures.withKey(LEAF, "XMSS", 0, null)).hasKeyStrengthAtLeast(1))
          .hasMessageContaining("(strength of this key type unknown)");
    }

    @Test
    void hasKeyTypeAndUsesCurveIgnoreCase() {
      assertOn(LEAF).hasKeyType("EC").hasKeyType("ec").usesCurve("secp256r1").usesCurve("SECP256R1");

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertOn(LEAF).hasKeyType("RSA"));
      assertThat(error.getActual().getStringRepresentation()).isEqualTo("EC");
      assertThatThrownBy(() -> assertOn(LEAF).usesCurve("secp384r1"))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("  EC 256 bits (secp256r1)");
      assertThatThrownBy(() -> assertOn(Fixtures.withKey(LEAF, "RSA", 2048, null)).usesCurve("secp256r1"))
          .hasMessageContaining("  RSA 2048 bits, on no named curve");
    }

    @Test
    void isSignedWithComparesJcaNamesIgnoringCase() {
      assertOn(LEAF).isSignedWith("SHA256withECDSA").isSignedWith("sha256WithEcdsa");

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertOn(LEAF).isSignedWith("SHA384withECDSA"));
      assertThat(error.getExpected().getStringRepresentation()).isEqualTo("SHA384withECDSA");
      assertThat(error.getActual().getStringRepresentation()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void isNotSignedWithSha1AndIsSignedWithSha256OrStrongerOnRealCertificates() throws Exception {
      CertificateInfo sha1 = RealCertificates.info(RealCertificates.rsa("SHA1withRSA", "DNS:legacy.test"));
      CertificateInfo sha256 = RealCertificates.info(RealCertificates.ec("SHA256withECDSA", "DNS:modern.test"));

      assertThat(sha256).isNotSignedWithSha1().isSignedWithSha256OrStronger();
      assertThatThrownBy(() -> assertThat(sha1).isNotSignedWithSha1())
          .hasMessageContaining("not to be signed with SHA-1" + System.lineSeparator() + "but it was signed with:"
              + System.lineSeparator() + "  SHA1withRSA");
      assertThatThrownBy(() -> assertThat(sha1).isSignedWithSha256OrStronger())
          .hasMessageContaining("  SHA1withRSA (SHA-1, 160 bits)");
    }

    @Test
    void isSignedWithSha256OrStrongerFailsWhenTheHashIsUnknown() {
      assertThatThrownBy(() -> assertOn(Fixtures.withSignature(LEAF, "RSASSA-PSS")).isSignedWithSha256OrStronger())
          .hasMessageContaining("  RSASSA-PSS (hash unknown)");
      assertOn(Fixtures.withSignature(LEAF, "Ed25519")).isSignedWithSha256OrStronger().isNotSignedWithSha1();
    }

    @Test
    void isNotSelfSignedAndIsNotCertificateAuthority() {
      assertOn(LEAF).isNotSelfSigned().isNotCertificateAuthority();

      assertThatThrownBy(() -> assertOn(CA).isNotSelfSigned())
          .hasMessageContaining("but it is: its issuer is its own subject" + System.lineSeparator() + "  CN=Test CA");
      assertThatThrownBy(() -> assertOn(CA).isNotCertificateAuthority())
          .hasMessageContaining("  [keyCertSign, cRLSign]");
    }
  }

  @Test
  void skipsEveryAssertionOnceNavigationFoundNothing() {
    // given an assert on a certificate that soft navigation did not find
    CertificateAssert dead = new CertificateAssert(null).skippingAssertions();

    // then nothing it is asked fails
    dead.isTrusted()
        .isValidFor("x")
        .expiresAfter(Duration.ofDays(1))
        .isValidAt(Fixtures.NOW)
        .hasKeyStrengthAtLeast(1)
        .isSignedWith("x")
        .isNotSignedWithSha1()
        .isSignedWithSha256OrStronger()
        .isNotSelfSigned()
        .hasSubject("CN=x")
        .hasSubjectAlternativeName("x")
        .hasKeyType("x")
        .usesCurve("x")
        .isNotCertificateAuthority();
  }
}
