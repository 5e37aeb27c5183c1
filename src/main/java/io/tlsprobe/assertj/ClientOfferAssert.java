package io.tlsprobe.assertj;

import io.tlsprobe.report.ClientOffer;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what a client offered; see {@link AbstractClientOfferAssert} for them all. Obtain one from a report
 * with {@code assertThat(report).clientOffer()}, which adds the connection to every failure, or from {@link
 * TlsAssertions#assertThat(ClientOffer)} for an offer alone.
 *
 * <pre>{@code
 * assertThat(report).clientOffer().offersNoWeakCipherSuite().offersNoProtocolBelow(TlsProtocol.TLSv1_2);
 * }</pre>
 */
public class ClientOfferAssert extends AbstractClientOfferAssert<ClientOfferAssert> {

  /**
   * An assert on {@code actual} alone, without a report.
   *
   * @param actual the client's offer
   */
  public ClientOfferAssert(@Nullable ClientOffer actual) {
    super(actual, ClientOfferAssert.class);
  }
}
