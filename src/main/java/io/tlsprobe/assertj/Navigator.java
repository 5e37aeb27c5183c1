package io.tlsprobe.assertj;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Clock;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.description.Description;
import org.jspecify.annotations.Nullable;

/**
 * How a navigation method ({@code certificate()}, {@code certificateChain()}, {@code first()}, {@code
 * plainTextPhase()}, {@code clientOffer()}, …) builds the assert
 * it returns, so that navigating from a soft assertion stays soft.
 *
 * <p>{@link #HARD} constructs asserts that throw. {@link #soft} asks the soft assertions for proxies that collect,
 * and when the target is missing (no certificate, no plain-text phase) records the failure and returns a dead assert
 * whose assertions do nothing, so that a chain such as {@code softly.assertThat(report).certificate().isValidFor("x")} neither throws
 * nor piles up follow-on failures.
 *
 * <pre>{@code
 * Navigator.HARD.certificate(leaf, report, clock, description).isValidFor("localhost");
 * }</pre>
 */
abstract class Navigator {

  /** Plain asserts, failing by throwing. */
  static final Navigator HARD = new Navigator() {
    @Override
    CertificateAssert newCertificateAssert(@Nullable CertificateInfo certificate) {
      return new CertificateAssert(certificate);
    }

    @Override
    CertificateChainAssert newChainAssert(List<CertificateInfo> chain) {
      return new CertificateChainAssert(chain);
    }

    @Override
    CertificateAssert missing(AssertionError failure, @Nullable TlsConnectionReport report, Clock clock) {
      throw failure;
    }

    @Override
    CertificateChainAssert missingChain(AssertionError failure, Clock clock) {
      throw failure;
    }

    @Override
    PlainTextPhaseAssert newPlainTextPhaseAssert(@Nullable PlainTextPhase phase) {
      return new PlainTextPhaseAssert(phase);
    }

    @Override
    PlainTextPhaseAssert missingPlainTextPhase(AssertionError failure, TlsConnectionReport report) {
      throw failure;
    }

    @Override
    ClientOfferAssert newClientOfferAssert(@Nullable ClientOffer offer) {
      return new ClientOfferAssert(offer);
    }

    @Override
    ClientOfferAssert missingClientOffer(AssertionError failure, TlsConnectionReport report) {
      throw failure;
    }
  };

  /** Soft-assertion proxies from {@code softly}, collecting failures. */
  static Navigator soft(SoftAssertionsProvider softly) {
    requireNonNull(softly, "softly");
    return new Navigator() {
      @Override
      CertificateAssert newCertificateAssert(@Nullable CertificateInfo certificate) {
        return softly.proxy(CertificateAssert.class, CertificateInfo.class, certificate);
      }

      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      CertificateChainAssert newChainAssert(List<CertificateInfo> chain) {
        return softly.proxy(CertificateChainAssert.class, (Class) List.class, chain);
      }

      @Override
      CertificateAssert missing(AssertionError failure, @Nullable TlsConnectionReport report, Clock clock) {
        softly.collectAssertionError(failure);
        return newCertificateAssert(null).inContext(report, clock).skippingAssertions();
      }

      @Override
      CertificateChainAssert missingChain(AssertionError failure, Clock clock) {
        softly.collectAssertionError(failure);
        return newChainAssert(new ReportChain(List.of(), null, clock, this));
      }

      @Override
      PlainTextPhaseAssert newPlainTextPhaseAssert(@Nullable PlainTextPhase phase) {
        return softly.proxy(PlainTextPhaseAssert.class, PlainTextPhase.class, phase);
      }

      @Override
      PlainTextPhaseAssert missingPlainTextPhase(AssertionError failure, TlsConnectionReport report) {
        softly.collectAssertionError(failure);
        return newPlainTextPhaseAssert(null).inContext(report).skippingAssertions();
      }

      @Override
      ClientOfferAssert newClientOfferAssert(@Nullable ClientOffer offer) {
        return softly.proxy(ClientOfferAssert.class, ClientOffer.class, offer);
      }

      @Override
      ClientOfferAssert missingClientOffer(AssertionError failure, TlsConnectionReport report) {
        softly.collectAssertionError(failure);
        return newClientOfferAssert(null).inContext(report).skippingAssertions();
      }
    };
  }

  /** An assert on {@code certificate}, which belongs to {@code report}'s chain (or to no report). */
  final CertificateAssert certificate(
      CertificateInfo certificate,
      @Nullable TlsConnectionReport report,
      Clock clock,
      @Nullable Description description) {
    CertificateAssert navigated = newCertificateAssert(certificate).inContext(report, clock);
    return description == null ? navigated : navigated.describedAs(description);
  }

  /** An assert on {@code report}'s certificate chain. */
  final CertificateChainAssert chain(TlsConnectionReport report, Clock clock, @Nullable Description description) {
    CertificateChainAssert navigated = newChainAssert(new ReportChain(report.certificates(), report, clock, this));
    return description == null ? navigated : navigated.describedAs(description);
  }

  /** An assert on a chain without a report: one a scan found ({@code ServerCertificate}). */
  final CertificateChainAssert chain(List<CertificateInfo> chain, Clock clock, @Nullable Description description) {
    CertificateChainAssert navigated = newChainAssert(new ReportChain(chain, null, clock, this));
    return description == null ? navigated : navigated.describedAs(description);
  }

  /** An assert on {@code report}'s plain-text phase {@code phase}. */
  final PlainTextPhaseAssert plainTextPhase(
      PlainTextPhase phase, TlsConnectionReport report, @Nullable Description description) {
    PlainTextPhaseAssert navigated = newPlainTextPhaseAssert(phase).inContext(report);
    return description == null ? navigated : navigated.describedAs(description);
  }

  /** An assert on {@code report}'s client offer {@code offer}. */
  final ClientOfferAssert clientOffer(
      ClientOffer offer, TlsConnectionReport report, @Nullable Description description) {
    ClientOfferAssert navigated = newClientOfferAssert(offer).inContext(report);
    return description == null ? navigated : navigated.describedAs(description);
  }

  /**
   * Navigation that found nothing: throws {@code failure}, or (soft) records it and returns a dead assert.
   *
   * @param failure the failure built by the navigating assert, with its description
   */
  abstract CertificateAssert missing(AssertionError failure, @Nullable TlsConnectionReport report, Clock clock);

  abstract CertificateAssert newCertificateAssert(@Nullable CertificateInfo certificate);

  /**
   * Navigation to a chain a scan did not find: throws {@code failure}, or (soft) records it and returns an assert on
   * an empty chain.
   */
  abstract CertificateChainAssert missingChain(AssertionError failure, Clock clock);

  abstract CertificateChainAssert newChainAssert(List<CertificateInfo> chain);

  /**
   * Navigation to a plain-text phase the report lacks: throws {@code failure}, or (soft) records it and returns a dead
   * assert.
   */
  abstract PlainTextPhaseAssert missingPlainTextPhase(AssertionError failure, TlsConnectionReport report);

  abstract PlainTextPhaseAssert newPlainTextPhaseAssert(@Nullable PlainTextPhase phase);

  /** Navigation to a client offer the report lacks: throws {@code failure}, or (soft) records it and returns a dead assert. */
  abstract ClientOfferAssert missingClientOffer(AssertionError failure, TlsConnectionReport report);

  abstract ClientOfferAssert newClientOfferAssert(@Nullable ClientOffer offer);
}
