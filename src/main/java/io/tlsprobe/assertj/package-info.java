/**
 * AssertJ assertions on TLS connection reports and certificates, following AssertJ's own conventions: one entry
 * point ({@link io.tlsprobe.assertj.TlsAssertions}), soft assertions ({@link io.tlsprobe.assertj.TlsSoftAssertions}),
 * an interface to mix in ({@link io.tlsprobe.assertj.WithTlsAssertions}), and failure messages from the factories
 * in {@link io.tlsprobe.assertj.error}.
 *
 * <pre>{@code
 * import static io.tlsprobe.assertj.TlsAssertions.assertThat;
 *
 * assertThat(report)
 *     .isEstablished()
 *     .usesProtocolAtLeast(TlsProtocol.TLSv1_2)
 *     .hasNoWeakCipher()
 *     .certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30));
 * }</pre>
 *
 * <p>STARTTLS and implicit TLS: {@code usesImplicitTls()}, {@code usesStartTls(StartTls.SMTP)}, {@code
 * failedStartTls()}, {@code isNotVulnerableToStartTlsInjection()}, and {@code plainTextPhase()} navigating to a
 * {@link io.tlsprobe.assertj.PlainTextPhaseAssert} on what crossed in clear before the upgrade:
 *
 * <pre>{@code
 * assertThat(report).usesStartTls(StartTls.SMTP).isEstablished()
 *     .plainTextPhase().advertisedStartTls().offeredNoAuthenticationBeforeTls().sentNoCredentialsBeforeTls();
 * }</pre>
 *
 * <p>Clients under test, from a {@code TlsCaptureServer} report: {@code wasAcceptedByClient()}, {@code
 * wasRejectedByClient(alert)}, and {@code clientOffer()} navigating to a {@link io.tlsprobe.assertj.ClientOfferAssert}
 * on what the ClientHello offered:
 *
 * <pre>{@code
 * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasAcceptedByClient()
 *     .clientOffer().offersNoWeakCipherSuite().offersNoProtocolBelow(TlsProtocol.TLSv1_2).offersNoCompression();
 * }</pre>
 *
 * <p>AssertJ is an optional dependency of tlsprobe: add {@code org.assertj:assertj-core} (3.27 or later) to use this
 * package. Nothing here depends on JUnit; the assertions work in any test framework.
 */
@NullMarked
package io.tlsprobe.assertj;

import org.jspecify.annotations.NullMarked;
