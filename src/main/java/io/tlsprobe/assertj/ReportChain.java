package io.tlsprobe.assertj;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Clock;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A certificate chain that remembers where it came from: the report (for context in messages and for {@code
 * isTrusted()}), the clock, and how to navigate. It is the {@code actual} of a {@link CertificateChainAssert}, so
 * the context survives every new assert AssertJ derives from it (filtering, soft-assertion proxies), which are built
 * from {@code actual} alone. As a {@link List} it equals any list of the same certificates.
 *
 * <pre>{@code
 * new ReportChain(report.certificates(), report, Clock.systemUTC(), Navigator.HARD).get(0); // the leaf
 * }</pre>
 */
final class ReportChain extends AbstractList<CertificateInfo> implements RandomAccess {
  private final List<CertificateInfo> certificates;
  private final @Nullable TlsConnectionReport report;
  private final Clock clock;
  private final Navigator navigator;

  ReportChain(
      List<? extends CertificateInfo> certificates,
      @Nullable TlsConnectionReport report,
      Clock clock,
      Navigator navigator) {
    this.certificates = List.copyOf(certificates);
    this.report = report;
    this.clock = requireNonNull(clock, "clock");
    this.navigator = requireNonNull(navigator, "navigator");
  }

  /** The same context around other certificates (a filtered or reordered view). */
  ReportChain with(List<? extends CertificateInfo> others) {
    return new ReportChain(others, report, clock, navigator);
  }

  @Nullable TlsConnectionReport report() {
    return report;
  }

  Clock clock() {
    return clock;
  }

  Navigator navigator() {
    return navigator;
  }

  @Override
  public CertificateInfo get(int index) {
    return certificates.get(index);
  }

  @Override
  public int size() {
    return certificates.size();
  }
}
