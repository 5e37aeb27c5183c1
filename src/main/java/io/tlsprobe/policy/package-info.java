/**
 * TLS policies: named sets of rules (allowed and required protocol versions, cipher suites, groups, minimum DHE prime
 * size, compression, {@link io.tlsprobe.policy.FeatureRule}s, certificate key sizes and curves) that a {@link
 * io.tlsprobe.report.ServerProfile}, a {@link io.tlsprobe.report.TlsConnectionReport} or a {@link
 * io.tlsprobe.report.ClientOffer} is checked against, every breach returned as a {@link
 * io.tlsprobe.policy.Violation}.
 *
 * <pre>{@code
 * List<Violation> violations = TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(profile);
 * TlsPolicy.named("nist-800-52r2").orElseThrow().evaluate(profile);
 * }</pre>
 *
 * <p>Built in: Mozilla Server Side TLS 6.0 and 5.7, NIST SP 800-52 Rev. 2, BSI TR-02102-2 (2025-01), registered by
 * name in one place ({@link io.tlsprobe.policy.TlsPolicy#names()}), their lists as data beside the classes.
 */
@NullMarked
package io.tlsprobe.policy;

import org.jspecify.annotations.NullMarked;
