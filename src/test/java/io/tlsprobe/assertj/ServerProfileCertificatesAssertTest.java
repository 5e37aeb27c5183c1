package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.cert.TestAuthority;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.Verification;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The certificate assertions and navigation of {@link ServerProfileAssert}, both ways, on hand-built profiles. */
class ServerProfileCertificatesAssertTest {
  private static final HeldCertificate RSA =
      TestAuthority.shared(Certificates.KeyType.RSA_2048).serverCertificate("localhost").build();
  private static final HeldCertificate EC = TestAuthority.shared().serverCertificate("localhost").build();
  private static final HeldCertificate EXPIRED =
      CertificateScenario.EXPIRED.identity("localhost", TestAuthority.shared(Certificates.KeyType.RSA_2048))
          .certificate();
  private static final Verification TRUSTED = new Verification(true, List.of(), "PKCS12 key store", "localhost");

  static ServerCertificate chain(HeldCertificate leaf, Verification verdict) {
    List<CertificateInfo> chain = leaf.chain().stream().map(CertificateInfo::of).toList();
    return new ServerCertificate(chain.get(0).keyType(), TlsProtocol.TLSv1_2, chain, verdict);
  }

  static ServerProfile profile(ServerCertificate... chains) {
    return ServerProfiles.modern().with(ServerFeatures.unknown("not scanned"), List.of(chains));
  }

  private static String failure(ThrowingCallable assertion) {
    AssertionError error = catchThrowableOfType(assertion, AssertionError.class);
    assertThat(error).as("expected the assertion to fail").isNotNull();
    return error.getMessage();
  }

  @Test
  void passesWhenEveryChainIsTrustedAndNavigatesToEachKeyType() {
    ServerProfile both = profile(chain(RSA, TRUSTED), chain(EC, TRUSTED));

    assertThat(both).presentsTrustedCertificates();
    assertThat(both).certificate("RSA").isValidFor("localhost").hasKeyStrengthAtLeast(2048).isNotSelfSigned();
    assertThat(both).certificate("ec").hasKeyType("EC").usesCurve("secp256r1");
    assertThat(both).certificateChain("EC").hasSize(2).last()
        .hasSubject(TestAuthority.shared().intermediate().certificate().getSubjectX500Principal().getName());
  }

  @Test
  void presentsTrustedCertificatesFailsNamingTheUntrustedChainAndEachProblem() {
    Verification expired = new Verification(false, List.of(
        new Verification.Problem(Verification.Kind.EXPIRED, "CN=localhost expired")), "PKCS12 key store", "localhost");
    ServerProfile mixed = profile(chain(EXPIRED, expired), chain(EC, TRUSTED));

    assertThat(failure(() -> assertThat(mixed).presentsTrustedCertificates()))
        .contains("but 1 of 2 is not trusted:", "  RSA: CN=localhost (RSA 2048",
            "TLS 1.2: not trusted: EXPIRED", "    EXPIRED: CN=localhost expired", ServerProfiles.MODERN_LINE)
        .doesNotContain("EC 256");
  }

  @Test
  void presentsTrustedCertificatesFailsWhenTheScanFoundNoChain() {
    assertThat(failure(() -> assertThat(ServerProfiles.modern()).presentsTrustedCertificates()))
        .contains("but the scan found no chain");
  }

  @Test
  void navigationToAMissingKeyTypeFailsListingThoseFound() {
    ServerProfile ecOnly = profile(chain(EC, TRUSTED));

    assertThat(failure(() -> assertThat(ecOnly).certificate("RSA")))
        .contains("with a key of type:", "  RSA", "but it presents:", "  [EC]");
    assertThat(failure(() -> assertThat(ecOnly).certificateChain("Ed25519"))).contains("[EC]");
  }

  @Test
  void navigatedLeafAssertionsFailWithTheLeafsFacts() {
    ServerProfile both = profile(chain(RSA, TRUSTED), chain(EC, TRUSTED));

    assertThat(failure(() -> assertThat(both).certificate("RSA").hasKeyType("EC"))).contains("RSA");
    assertThat(failure(() -> assertThat(both).certificateChain("RSA").hasSize(3))).contains("3");
  }

  @Test
  void softNavigationToAMissingKeyTypeCollectsInsteadOfThrowing() {
    TlsSoftAssertions softly = new TlsSoftAssertions();
    ServerProfile ecOnly = profile(chain(EC, TRUSTED));

    softly.assertThat(ecOnly).certificate("RSA").isValidFor("localhost");
    softly.assertThat(ecOnly).certificateChain("RSA");
    softly.assertThat(ecOnly).presentsTrustedCertificates();

    assertThat(softly.errorsCollected()).hasSize(2)
        .allSatisfy(e -> assertThat(e.getMessage()).contains("but it presents:", "[EC]"));
  }
}
