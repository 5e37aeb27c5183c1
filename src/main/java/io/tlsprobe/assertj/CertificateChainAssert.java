package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldHaveCertificate.shouldHaveCertificateAt;
import static io.tlsprobe.assertj.error.ShouldHaveCertificate.shouldHaveSingleCertificate;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a peer's certificate chain, leaf first: every AssertJ list assertion ({@code hasSize},
 * {@code allSatisfy}, {@code extracting}, …), and navigation to a {@link CertificateAssert} on one certificate
 * ({@link #first()}, {@link #last()}, {@link #element(int)}, {@link #singleElement()}) that still knows the report,
 * so its failures show the connection and {@link CertificateAssert#isTrusted()} can consult the verdict.
 *
 * <pre>{@code
 * assertThat(report).certificateChain()
 *     .hasSize(2)
 *     .allSatisfy(c -> assertThat(c).isSignedWithSha256OrStronger());
 * assertThat(report).certificateChain().last().hasSubject("CN=Test Root CA");
 * }</pre>
 *
 * <p>Obtain one with {@link AbstractTlsConnectionReportAssert#certificateChain()}; the public constructor exists for
 * AssertJ's soft assertions.
 */
public class CertificateChainAssert
    extends AbstractListAssert<CertificateChainAssert, List<CertificateInfo>, CertificateInfo, CertificateAssert> {

  private final ReportChain chain;

  /**
   * An assert on {@code chain}; one created this way has no report, so its certificates' {@code isTrusted()} fails.
   *
   * @param chain the certificates, leaf first
   */
  public CertificateChainAssert(@Nullable List<CertificateInfo> chain) {
    super(chain, CertificateChainAssert.class);
    this.chain = chain instanceof ReportChain
        ? (ReportChain) chain
        : new ReportChain(chain == null ? List.of() : chain, null, Clock.systemUTC(), Navigator.HARD);
  }

  /**
   * Navigates to the first certificate, the leaf.
   *
   * <pre>{@code
   * assertThat(report).certificateChain().first().isValidFor("localhost"); // passes for a localhost leaf
   * assertThat(reportWithoutCertificate).certificateChain().first();       // fails: the chain holds none
   * }</pre>
   */
  @Override
  public CertificateAssert first() {
    return navigate(0);
  }

  /**
   * Navigates to the last certificate, the one closest to the root.
   *
   * <pre>{@code
   * assertThat(report).certificateChain().last().hasSubject("CN=Test CA"); // passes when the CA is sent last
   * assertThat(reportWithoutCertificate).certificateChain().last();        // fails: the chain holds none
   * }</pre>
   */
  @Override
  public CertificateAssert last() {
    isNotNull();
    return navigate(Math.max(0, actual.size() - 1));
  }

  /**
   * Navigates to the certificate at {@code index} (0 is the leaf).
   *
   * <pre>{@code
   * assertThat(report).certificateChain().element(1).hasSubject("CN=Test CA"); // passes: the CA is second
   * assertThat(leafOnlyReport).certificateChain().element(1);                 // fails: no certificate at index 1
   * }</pre>
   */
  @Override
  public CertificateAssert element(int index) {
    return navigate(index);
  }

  /**
   * Navigates to the only certificate, failing unless the chain holds exactly one.
   *
   * <pre>{@code
   * assertThat(leafOnlyReport).certificateChain().singleElement().isNotCertificateAuthority(); // passes
   * assertThat(twoCertificateReport).certificateChain().singleElement(); // fails: it holds 2
   * }</pre>
   */
  @Override
  public CertificateAssert singleElement() {
    isNotNull();
    if (actual.size() != 1) {
      return chain.navigator()
          .missing(assertionError(shouldHaveSingleCertificate(actual, chain.report())), chain.report(),
              chain.clock());
    }
    return navigate(0);
  }

  @Override
  public <ASSERT extends AbstractAssert<?, ?>> ASSERT first(InstanceOfAssertFactory<?, ASSERT> assertFactory) {
    return first().asInstanceOf(assertFactory);
  }

  @Override
  public <ASSERT extends AbstractAssert<?, ?>> ASSERT last(InstanceOfAssertFactory<?, ASSERT> assertFactory) {
    return last().asInstanceOf(assertFactory);
  }

  @Override
  public <ASSERT extends AbstractAssert<?, ?>> ASSERT element(
      int index, InstanceOfAssertFactory<?, ASSERT> assertFactory) {
    return element(index).asInstanceOf(assertFactory);
  }

  @Override
  public <ASSERT extends AbstractAssert<?, ?>> ASSERT singleElement(
      InstanceOfAssertFactory<?, ASSERT> assertFactory) {
    return singleElement().asInstanceOf(assertFactory);
  }

  private CertificateAssert navigate(int index) {
    isNotNull();
    @Nullable TlsConnectionReport report = chain.report();
    if (index < 0 || index >= actual.size()) {
      return chain.navigator().missing(assertionError(shouldHaveCertificateAt(actual, index, report)), report,
          chain.clock());
    }
    return chain.navigator().certificate(actual.get(index), report, chain.clock(), info.description());
  }

  /** Not reached through navigation, which goes through {@link Navigator}; kept for AssertJ's contract. */
  @Override
  protected CertificateAssert toAssert(CertificateInfo value, String description) {
    return Navigator.HARD.certificate(value, chain.report(), chain.clock(), null).as(description);
  }

  @Override
  protected CertificateChainAssert newAbstractIterableAssert(Iterable<? extends CertificateInfo> iterable) {
    List<CertificateInfo> certificates = new ArrayList<>();
    iterable.forEach(certificates::add);
    return new CertificateChainAssert(chain.with(certificates));
  }
}
