package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.Fixtures.message;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainAssertTest {

  private static final TlsConnectionReport TLS13 = Fixtures.tls13();

  @Test
  void offersAssertJsListAssertions() {
    assertThat(TLS13).certificateChain()
        .hasSize(2)
        .containsExactly(Fixtures.leaf(), Fixtures.ca())
        .allSatisfy(c -> assertThat(c).isSignedWithSha256OrStronger())
        .extracting(CertificateInfo::subject)
        .containsExactly("CN=localhost", "CN=Test CA");
  }

  @Test
  void navigatesToEachCertificateKeepingTheReport() {
    assertThat(TLS13).certificateChain().first().hasSubject("CN=localhost").isTrusted();
    assertThat(TLS13).certificateChain().element(1).hasSubject("CN=Test CA").isTrusted();
    assertThat(TLS13).certificateChain().last().hasSubject("CN=Test CA");

    assertThatThrownBy(() -> assertThat(TLS13).certificateChain().element(1).isNotSelfSigned())
        .hasMessageEndingWith("Connection: " + Fixtures.TLS13_SUMMARY);
  }

  @Test
  void keepsTheReportThroughFilteringAndReordering() {
    assertThat(TLS13).certificateChain()
        .filteredOn(CertificateInfo::certificateAuthority)
        .singleElement()
        .hasSubject("CN=Test CA")
        .isTrusted();
  }

  @Test
  void failsNavigationToACertificateThatIsNotThere() {
    assertThatThrownBy(() -> assertThat(TLS13).certificateChain().element(2))
        .hasMessage(message(
            "Expecting the certificate chain to have a certificate at index 2",
            "but it holds 2 certificates:",
            "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
            "  CN=Test CA (EC 384 secp384r1, until 2035-12-30T00:00:00Z)",
            "Connection: " + Fixtures.TLS13_SUMMARY));
    assertThatThrownBy(() -> assertThat(Fixtures.rejected()).certificateChain().first())
        .hasMessageStartingWith(message(
            "Expecting the certificate chain to have a certificate at index 0", "but it holds none"));
    assertThatThrownBy(() -> assertThat(Fixtures.rejected()).certificateChain().last())
        .hasMessageContaining("but it holds none");
    assertThatThrownBy(() -> assertThat(TLS13).certificateChain().singleElement())
        .hasMessageContaining("to hold exactly one certificate" + System.lineSeparator() + "but it holds 2");
  }

  @Test
  void navigatesWithAnInstanceOfFactoryToo() {
    assertThat(TLS13).certificateChain().first(type(CertificateInfo.class)).isEqualTo(Fixtures.leaf());
    assertThat(TLS13).certificateChain().last(type(CertificateInfo.class)).isEqualTo(Fixtures.ca());
    assertThat(TLS13).certificateChain().element(1, type(CertificateInfo.class)).isEqualTo(Fixtures.ca());
    assertThat(Fixtures.tls10()).certificateChain().singleElement(type(CertificateInfo.class))
        .isEqualTo(Fixtures.leaf());
  }

  @Test
  void worksOnAPlainListWithoutReport() {
    CertificateChainAssert chain = new CertificateChainAssert(List.of(Fixtures.leaf()));

    chain.singleElement().isValidFor("localhost");
    assertThatThrownBy(() -> new CertificateChainAssert(List.of(Fixtures.leaf())).first().isTrusted())
        .hasMessageContaining("but no verification is available");
    assertThatThrownBy(() -> new CertificateChainAssert(List.of()).first())
        .hasMessage(message(
            "Expecting the certificate chain to have a certificate at index 0", "but it holds none"));
  }
}
