/**
 * The failure messages of tlsprobe's AssertJ assertions: one {@code ShouldXxx} factory per kind of failure, as in
 * AssertJ's own {@code org.assertj.core.error}. Every message states what was expected, what was found, and the
 * context a CI log needs to explain the failure alone: the certificate concerned and the whole connection, as
 * {@link io.tlsprobe.report.TlsConnectionReport#summary()} renders it.
 *
 * <pre>{@code
 * ShouldUseProtocolAtLeast.shouldUseProtocolAtLeast(report, TlsProtocol.TLSv1_2).create();
 * // Expecting TLS connection to use protocol at least:
 * //   TLSv1.2
 * // but it used:
 * //   TLSv1
 * // Connection: localhost:8443 (direct): established, TLSv1, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (128 bits), …
 * }</pre>
 *
 * <p>Values are shown as written (no quotes); each message begins with a line break, as AssertJ's do.
 */
@NullMarked
package io.tlsprobe.assertj.error;

import org.jspecify.annotations.NullMarked;
