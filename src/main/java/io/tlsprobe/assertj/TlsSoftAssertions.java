package io.tlsprobe.assertj;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions on TLS reports: every failure is collected, and {@link #assertAll()} throws one error listing them
 * all, so one run shows everything a server gets wrong.
 *
 * <pre>{@code
 * TlsSoftAssertions.assertSoftly(softly -> {
 *   softly.assertThat(report).usesProtocolAtLeast(TlsProtocol.TLSv1_2);
 *   softly.assertThat(report).hasNoWeakCipher();
 *   softly.assertThat(report).certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30));
 * });
 * }</pre>
 *
 * <p>To mix in AssertJ's own soft assertions, see {@link TlsSoftAssertionsProvider}.
 */
public class TlsSoftAssertions extends AbstractSoftAssertions implements TlsSoftAssertionsProvider {

  /** Soft assertions collecting into this instance; finish with {@link #assertAll()}. */
  public TlsSoftAssertions() {
    super();
  }

  /**
   * Runs {@code softly} with fresh soft assertions, then throws one error listing every failure, if any.
   *
   * <pre>{@code
   * TlsSoftAssertions.assertSoftly(softly -> softly.assertThat(report).isEstablished().hasNoCompression());
   * }</pre>
   *
   * @param softly the assertions to run
   * @throws AssertionError listing every failure
   */
  public static void assertSoftly(Consumer<TlsSoftAssertions> softly) {
    SoftAssertionsProvider.assertSoftly(TlsSoftAssertions.class, softly);
  }
}
